"""`asn-api`: serve | migrate | users create | openapi | seed-demo."""

from __future__ import annotations

import asyncio
import json
import os
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from asn_api.core.config import Settings, get_settings

app = typer.Typer(help="ASN API — BKPSDM Kota Binjai", no_args_is_help=True, add_completion=False)
users_app = typer.Typer(help="Manage logins from the shell", no_args_is_help=True)
app.add_typer(users_app, name="users")
T = TypeVar("T")


def _database_url(settings: Settings) -> tuple[str, Any]:
    """The configured URL, or an embedded server's (started now, stopped when this process exits)."""
    if settings.database_url is not None:
        return settings.database_url.get_secret_value(), None
    from asn_api.core.embedded import start_embedded

    return start_embedded(settings.data_dir)


async def _with_database(settings: Settings, url: str, work: Callable[[Any], Awaitable[T]]) -> T:
    import asn_api.models  # noqa: F401  (every table known, so foreign keys resolve outside the app)
    from asn_api.core.db import make_engine, make_sessionmaker
    from asn_api.core.migrations import upgrade_to_head

    engine = make_engine(url, pool_size=2)
    try:
        await upgrade_to_head(engine, url)
        return await work(make_sessionmaker(engine))
    finally:
        await engine.dispose()


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port")] = 8000,
    workers: Annotated[int, typer.Option(min=1, help="Worker processes")] = 1,
    demo: Annotated[bool, typer.Option("--demo", help="Load the Kota Binjai demo data set (once)")] = False,
) -> None:
    """Run the HTTP server. Pending migrations are applied under an advisory lock (ASN_AUTO_MIGRATE)."""
    import uvicorn

    settings = get_settings()
    if demo and settings.is_production:
        typer.echo("--demo is refused with ASN_ENV=production", err=True)
        raise typer.Exit(2)
    url, server = _database_url(settings)
    if server is None or workers > 1:
        # Workers are other processes: they find the database through the environment.
        os.environ["ASN_DATABASE_URL"] = url
    # else the app's lifespan joins this embedded server and stops it on shutdown, SIGTERM included.
    if demo:
        from asn_api.demo.seed import print_credentials, seed_demo

        credentials = asyncio.run(_with_database(settings, url, seed_demo))
        print_credentials(credentials, f"http://{host}:{port}")
    get_settings.cache_clear()
    try:
        uvicorn.run("asn_api.main:create_app", factory=True, host=host, port=port, workers=workers,
                    log_config=None, proxy_headers=bool(settings.trusted_proxies),
                    forwarded_allow_ips=",".join(settings.trusted_proxies) or None)
    finally:
        if server is not None:
            server.cleanup()


@app.command()
def migrate() -> None:
    """Apply pending migrations (for ASN_AUTO_MIGRATE=false deployments)."""
    settings = get_settings()
    url, server = _database_url(settings)

    async def nothing(_: Any) -> None:
        return None

    asyncio.run(_with_database(settings, url, nothing))
    typer.echo("database is at the newest migration")
    if server is not None:
        server.cleanup()


@app.command("seed-demo")
def seed_demo_command() -> None:
    """Load the Kota Binjai demo data set once and print the demo logins (development only)."""
    settings = get_settings()
    if settings.is_production:
        typer.echo("seed-demo is refused with ASN_ENV=production", err=True)
        raise typer.Exit(2)
    from asn_api.demo.seed import print_credentials, seed_demo

    url, server = _database_url(settings)
    credentials = asyncio.run(_with_database(settings, url, seed_demo))
    print_credentials(credentials, None)
    if server is not None:
        server.cleanup()


@users_app.command("create")
def create_user(
    username: Annotated[str, typer.Option(help="Login name")],
    role: Annotated[str, typer.Option(help="admin | hr | unit_admin | employee")] = "admin",
    password_stdin: Annotated[bool, typer.Option("--password-stdin", help="Read the password from stdin")] = False,
    org_unit_code: Annotated[str | None, typer.Option(help="Unit code, for unit_admin")] = None,
) -> None:
    """Create a login. The password is read from stdin, never from the command line."""
    if not password_stdin:
        typer.echo("pass --password-stdin and pipe the password in", err=True)
        raise typer.Exit(2)
    password = sys.stdin.readline().rstrip("\n")
    settings = get_settings()
    url, server = _database_url(settings)

    async def work(sessionmaker: Any) -> str:
        from sqlalchemy import select

        from asn_api.auth.service import create_user_with_password
        from asn_api.core.db import transaction
        from asn_api.org_units.models import OrgUnit

        async with transaction(sessionmaker) as session:
            unit_id = None
            if org_unit_code:
                unit_id = (await session.execute(select(OrgUnit.id).where(OrgUnit.code == org_unit_code))).scalar()
            user = await create_user_with_password(session, username=username, password=password,
                                                   role=role, org_unit_id=unit_id)
            return str(user.id)

    try:
        user_id = asyncio.run(_with_database(settings, url, work))
    except Exception as exc:  # the CLI reports the reason, never a traceback with data in it
        typer.echo(f"could not create user: {getattr(exc, 'detail', None) or type(exc).__name__}", err=True)
        raise typer.Exit(1)
    finally:
        if server is not None:
            server.cleanup()
    typer.echo(f"created {role} {username.lower()} ({user_id})")


@app.command()
def openapi(output: Annotated[Path | None, typer.Option(help="File to write; stdout if omitted")] = None) -> None:
    """Write the OpenAPI document the app serves (the committed openapi/openapi.json)."""
    from asn_api.main import create_app

    document = create_app(Settings(env="development", log_level="WARNING")).openapi()
    text = json.dumps(document, indent=2, ensure_ascii=False, sort_keys=False) + "\n"
    if output is None:
        typer.echo(text, nl=False)
    else:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8")
