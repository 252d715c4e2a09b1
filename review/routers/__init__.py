"""The review app's pages, one router module per page group."""
