"""The inbox stage: which dropped files are complete, and where they go once handled.

File handling only: no database, no Prefect, no reading of contents.

- `list_complete_files(inbox, settle_seconds)`: files that are finished arriving (not a temporary
  or hidden name, unchanged for `settle_seconds`).
- `still_as_listed(entry)`: the file has not changed since it was listed (checked again just
  before it is processed).
- `move_to(path, folder, reason=..., detail=...)`: move a handled file to `processed/`, `failed/`
  or `review/` without overwriting anything, with a `<name>.reason.txt` beside it when there is
  a reason to give.
"""

from thidua.inbox.files import (
    InboxEntry,
    InboxListing,
    is_temporary_name,
    list_complete_files,
    still_as_listed,
)
from thidua.inbox.moves import REASON_SUFFIX, move_to, reason_path, sorted_folders

__all__ = [
    "REASON_SUFFIX",
    "InboxEntry",
    "InboxListing",
    "is_temporary_name",
    "list_complete_files",
    "move_to",
    "reason_path",
    "sorted_folders",
    "still_as_listed",
]
