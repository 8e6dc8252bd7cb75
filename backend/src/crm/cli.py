"""`crm …`: serve, set up, migrate, create an admin, seed demo data, write the OpenAPI document."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

import typer
import yaml

from crm.settings import REPO_ROOT, generate_password, get_settings

app = typer.Typer(help="CRM command line", no_args_is_help=True, add_completion=False)


def _alembic_config(database_url: str | None = None):  # type: ignore[no-untyped-def]
    from alembic.config import Config

    cfg = Config(str(REPO_ROOT / "backend" / "alembic.ini"))
    cfg.set_main_option("script_location", str(REPO_ROOT / "backend" / "migrations"))
    if database_url:
        cfg.attributes["database_url"] = database_url
    return cfg


def run_migrations(database_url: str | None = None) -> None:
    from alembic import command

    command.upgrade(_alembic_config(database_url), "head")


@app.command()
def migrate() -> None:
    """Upgrade the database to the latest schema."""
    run_migrations()
    typer.echo("database is up to date")


async def _ensure_admin(email: str | None, password: str | None, *, reset: bool) -> tuple[str, str | None, bool]:
    from sqlalchemy import func, select

    from crm.core.security import Role, hash_password
    from crm.db import dispose_engine, get_sessionmaker
    from crm.users import service as users_service
    from crm.users.models import User
    from crm.users.schemas import UserCreate

    async with get_sessionmaker()() as session:
        created = False
        if email:
            user = (
                await session.execute(select(User).where(func.lower(User.email) == email.lower()))
            ).scalar_one_or_none()
        else:
            user = (
                (await session.execute(select(User).where(User.role == Role.admin).order_by(User.created_at)))
                .scalars()
                .first()
            )
        if user is None:
            email = email or "admin@example.com"
            password = password or generate_password()
            await users_service.create(
                session, None, UserCreate(email=email, full_name="Administrator", password=password, role=Role.admin)
            )
            created = True
        elif reset and password:
            user.password_hash = hash_password(password)
            user.role, user.is_active = Role.admin.value, True
            email = user.email
        else:
            email, password = user.email, None
        await session.commit()
    await dispose_engine()
    return email, password, created


async def _ensure_defaults() -> None:
    from crm.db import dispose_engine, get_sessionmaker
    from crm.deals import service as deals_service

    async with get_sessionmaker()() as session:
        await deals_service.ensure_defaults(session)
        await session.commit()
    await dispose_engine()


@app.command("create-admin")
def create_admin(
    email: str = typer.Option(..., help="Login email"),
    password: str = typer.Option(..., help="Password (10+ characters)"),
) -> None:
    """Create an administrator, or reset that user's password and make them admin."""
    if len(password) < 10:
        raise typer.BadParameter("password must have at least 10 characters")
    email, _, created = asyncio.run(_ensure_admin(email, password, reset=True))
    typer.echo(f"{'created' if created else 'updated'} admin {email}")


@app.command("seed-demo")
def seed_demo(
    customers: int = typer.Option(300, help="Roughly how many customers"),
    seed: int = typer.Option(42, help="Random seed (same seed, same data)"),
    force: bool = typer.Option(False, help="Seed even if customers exist"),
) -> None:
    """Load demo data (companies with their people, in Korean and English) into an empty database."""
    from crm.demo import seed_demo as run

    made = asyncio.run(run(customers, seed, force))
    typer.echo(f"demo data: {made} customers created" if made else "demo data: database not empty, skipped")


@app.command()
def seed(
    size: str = typer.Option("S", help="S (10k customers), M (100k) or L (1M): see QUALITY.md"),
    seed: int = typer.Option(42, "--seed", help="Random seed (same seed and day, same data)"),
    as_of: str = typer.Option(None, help="The dataset's 'today' (YYYY-MM-DD); default: today"),
) -> None:
    """Generate a reference dataset and bulk-load it into an empty database (COPY on PostgreSQL)."""
    from datetime import date

    from crm.datasets.seed import SIZES, NotEmpty
    from crm.datasets.seed import seed as run
    from crm.db import dispose_engine

    size = size.upper()
    if size not in SIZES:
        raise typer.BadParameter(f"size must be one of {', '.join(SIZES)}")
    day = date.fromisoformat(as_of) if as_of else None

    async def main():  # type: ignore[no-untyped-def]
        try:
            return await run(size, seed, day)
        finally:
            await dispose_engine()

    try:
        report = asyncio.run(main())
    except NotEmpty as exc:
        typer.echo(f"seed: {exc}", err=True)
        raise typer.Exit(1) from None
    typer.echo(report.line())


@app.command()
def setup(demo: bool = typer.Option(True, help="Load demo data into an empty database")) -> None:
    """Everything `make run` needs: migrate, make sure an admin exists, load demo data."""
    settings = get_settings()
    run_migrations()
    email, password, created = asyncio.run(_ensure_admin(settings.admin_email, settings.admin_password, reset=False))
    cred_file = settings.data_dir / "admin-login.txt"
    if created and password:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        cred_file.write_text(f"{email}\n{password}\n")
        os.chmod(cred_file, 0o600)
    elif password is None and cred_file.exists():
        saved = cred_file.read_text().split("\n")
        if saved and saved[0] == email:
            password = saved[1]
    asyncio.run(_ensure_defaults())
    if demo:
        seed_demo(customers=300, seed=42, force=False)
    typer.echo("")
    typer.echo("  CRM is ready")
    typer.echo(f"  URL:      http://{settings.host}:{settings.port}")
    typer.echo(f"  Login:    {email}")
    typer.echo(f"  Password: {password or '(unchanged; reset with: crm create-admin --email ... --password ...)'}")
    typer.echo("")


@app.command()
def serve(
    host: str = typer.Option(None),
    port: int = typer.Option(None),
    workers: int = typer.Option(1, help="Worker processes (PostgreSQL only)"),
) -> None:
    """Serve the API and the built web app."""
    import uvicorn

    from crm.core.logging import configure

    settings = get_settings()
    configure(settings.log_level)
    uvicorn.run(
        "crm.main:create_app",
        factory=True,
        host=host or settings.host,
        port=port or settings.port,
        workers=workers,
        log_config=None,
        proxy_headers=True,
        forwarded_allow_ips="127.0.0.1",
    )


@app.command()
def worker() -> None:
    """Run periodic jobs (scoring retrain, …) until interrupted; one or more per deployment."""
    from crm.core.logging import configure
    from crm.worker.service import loop

    configure(get_settings().log_level)

    async def main() -> None:
        from crm.db import dispose_engine

        stop = asyncio.Event()
        try:
            await loop(stop)
        finally:
            await dispose_engine()

    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        pass


@app.command("train-scoring")
def train_scoring() -> None:
    """Train the predictive lead-scoring model on converted vs unqualified leads and re-score every lead."""
    from crm.leads.schemas import ScoringModelRead

    async def main() -> ScoringModelRead:
        from crm.db import dispose_engine, get_sessionmaker
        from crm.leads import scoring

        try:
            async with get_sessionmaker()() as session:
                run = await scoring.train(session, None, trigger="cli")
                await session.commit()
                return scoring.to_read(run)
        finally:
            await dispose_engine()

    r = asyncio.run(main())
    typer.echo(f"status:          {r.status}")
    typer.echo(f"message:         {r.message}")
    typer.echo(f"training size:   {r.training_size} ({r.positives} converted, {r.negatives} unqualified)")
    if r.holdout_auc is not None:
        rule_auc = "n/a" if r.rule_holdout_auc is None else f"{r.rule_holdout_auc:.3f}"
        typer.echo(f"holdout size:    {r.holdout_size}")
        typer.echo(f"model AUC:       {r.holdout_auc:.3f}")
        typer.echo(f"rule score AUC:  {rule_auc} (same holdout)")
        typer.echo(f"Brier score:     {r.brier:.3f}")


@app.command()
def openapi(output: Path = typer.Option(REPO_ROOT / "openapi.yaml", help="Where to write")) -> None:
    """Write the OpenAPI document the app serves."""
    from crm.main import create_app

    spec = create_app().openapi()
    output.write_text(yaml.safe_dump(spec, sort_keys=False, allow_unicode=True, width=120))
    typer.echo(f"wrote {output}")


if __name__ == "__main__":
    app()
