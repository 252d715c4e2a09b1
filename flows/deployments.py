"""Deployment names, and the guard that keeps `thidua serve` off a shared server's pool deployments."""

from __future__ import annotations

from thidua.core.errors import ConfigError

#: The deployment `thidua serve` creates (prefect.yaml's pool-backed ones are `nightly` and `backlog`).
SERVE_DEPLOYMENT_NAME = "serve"


def check_serve_deployment(flow_name: str, name: str = SERVE_DEPLOYMENT_NAME) -> None:
    """Refuse to serve under a name a pool-backed deployment of the same flow already has.

    `flow.serve(name=…)` replaces the deployment of that name; on a shared Prefect server that
    would drop the work pool of the operators' deployment (runs would no longer reach the workers).
    """
    from prefect.client.orchestration import get_client
    from prefect.exceptions import ObjectNotFound

    with get_client(sync_client=True) as client:
        try:
            existing = client.read_deployment_by_name(f"{flow_name}/{name}")
        except ObjectNotFound:
            return
    if existing.work_pool_name:
        raise ConfigError(
            f"máy chủ Prefect đã có bản triển khai '{flow_name}/{name}' chạy trên work pool "
            f"'{existing.work_pool_name}': thidua serve không ghi đè nó (dùng --name với tên khác, "
            "hoặc để các worker của pool chạy lịch này)"
        )
