"""Tasks: to-dos with a due time, priority, assignee, optional related record and recurrence."""

from __future__ import annotations

import calendar
import uuid
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime, time, timedelta, tzinfo
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import ColumnElement, literal, or_, select
from sqlalchemy import update as sql_update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from crm.core import access, lifecycle, listing, records
from crm.core.errors import Invalid, NotFound
from crm.core.events import emit
from crm.core.history import diff, record_change
from crm.core.search import escape_like
from crm.core.security import Principal
from crm.db import utcnow, uuid7
from crm.notifications import service as notifications_service
from crm.tasks.models import Task
from crm.tasks.schemas import (
    PriorityRank,
    Recurrence,
    TaskCreate,
    TaskPriority,
    TaskRead,
    TaskSource,
    TaskStatus,
    TaskUpdate,
    TaskView,
)
from crm.users import service as users_service

OBJECT = "task"
WHAT = "Task"
TRACKED = (
    "title",
    "description",
    "due_at",
    "priority",
    "status",
    "assignee_id",
    "record_type",
    "record_id",
    "recurrence",
    "completed_at",
)
# Fields a PATCH may change but not clear.
REQUIRED = {
    "title": "a title",
    "status": "a status",
    "priority": "a priority",
    "recurrence": "a recurrence (none for one-off tasks)",
    "assignee_id": "an assignee",
}
# `upcoming`: the 14 days after today.
UPCOMING_DAYS = 14
NO_DUE = datetime(9999, 12, 31, tzinfo=UTC)  # sorts tasks without a due time last (ascending)


@lru_cache
def list_spec() -> listing.ListSpec:
    F = listing.Field
    return listing.ListSpec(
        model=Task,
        fields={
            "title": F(Task.title),
            "status": F(Task.status, TaskStatus),
            "priority": F(Task.priority_rank, PriorityRank),
            "assignee_id": F(Task.assignee_id, uuid.UUID, sortable=False),
            "created_by_id": F(Task.created_by_id, uuid.UUID, nullable=True, sortable=False),
            "record_type": F(Task.record_type, nullable=True, sortable=False),
            "record_id": F(Task.record_id, uuid.UUID, nullable=True, sortable=False),
            "recurrence": F(Task.recurrence, Recurrence, sortable=False),
            "source": F(Task.source, TaskSource, sortable=False),
            "due_at": F(Task.due_at, datetime, nullable=True, sort_default=NO_DUE),
            "completed_at": F(Task.completed_at, datetime, nullable=True, sort_default=datetime(1, 1, 1, tzinfo=UTC)),
            "created_at": F(Task.created_at, datetime),
            "updated_at": F(Task.updated_at, datetime),
        },
        default_sort="-created_at",
        search=lambda q: (Task.title.ilike(f"%{escape_like(q)}%", escape="\\"), literal(1)),
    )


def _json(value: Any) -> Any:
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat().replace("+00:00", "Z")
    return value


def snapshot(task: Task) -> dict[str, Any]:
    return {key: _json(getattr(task, key)) for key in TRACKED}


# --- access ---------------------------------------------------------------------------------


def can_see(principal: Principal, task: Task) -> bool:
    """The assignee, the creator, the assignee's managers and admins."""
    return (
        principal.is_admin
        or task.assignee_id == principal.user_id
        or task.created_by_id == principal.user_id
        or principal.manages(task.assignee_id)
    )


def visible_clause(principal: Principal) -> ColumnElement[bool] | None:
    if principal.is_admin:
        return None
    return or_(
        Task.assignee_id.in_(principal.managed_ids | {principal.user_id}),
        Task.created_by_id == principal.user_id,
    )


async def get_visible(
    session: AsyncSession, principal: Principal, task_id: uuid.UUID, *, deleted: bool | None = False
) -> Task:
    """The task if the caller may see it; `deleted`: False live only, True trash only, None both."""
    task = await session.get(Task, task_id)
    if (
        task is None
        or (deleted is False and task.deleted_at is not None)
        or (deleted is True and task.deleted_at is None)
        or not can_see(principal, task)
    ):
        raise NotFound("Task not found.")
    return task


async def _check_assignee(session: AsyncSession, principal: Principal, assignee_id: uuid.UUID) -> None:
    loc: list[str | int] = ["body", "assignee_id"]
    if assignee_id != principal.user_id:
        # The owner rule (yourself or people you manage; admins anyone), reported at this field.
        try:
            access.ensure_owner_assignable(principal, assignee_id)
        except Invalid as exc:
            raise Invalid.at(
                loc, "You can only assign tasks to yourself or people you manage.", "owner_not_allowed"
            ) from exc
    if await users_service.get_active(session, assignee_id) is None:
        raise Invalid.at(loc, "Unknown or inactive user.")


async def _check_record(
    session: AsyncSession, principal: Principal, record_type: str | None, record_id: uuid.UUID | None
) -> None:
    """A related record must exist and be visible to the caller. One it can't see is reported like a
    missing one (422 at record_id), so the error never confirms that it exists."""
    if record_type is None and record_id is None:
        return
    if record_type is None or record_id is None:
        missing = "record_type" if record_type is None else "record_id"
        raise Invalid.at(["body", missing], "Give record_type and record_id together.", "missing")
    try:
        await records.load_visible(session, principal, record_type, record_id, loc=["body", "record_type"])
    except NotFound as exc:
        raise Invalid.at(["body", "record_id"], f"Unknown {record_type}.") from exc


# --- recurrence -----------------------------------------------------------------------------


def _add_months(value: datetime, months: int, day: int) -> datetime:
    year, month0 = divmod(value.month - 1 + months, 12)
    year += value.year
    last = calendar.monthrange(year, month0 + 1)[1]
    return value.replace(year=year, month=month0 + 1, day=min(day, last))


def next_due(due_at: datetime, recurrence: Recurrence, day: int | None = None) -> datetime:
    """The next occurrence's due time, on the UTC calendar. Monthly and yearly return to the series'
    day of month (`day`) when the month has it, else its last day: Jan 31 → Feb 28 → Mar 31,
    and a Feb 29 yearly task falls on Feb 28 in other years."""
    anchor = day or due_at.day
    if recurrence is Recurrence.daily:
        return due_at + timedelta(days=1)
    if recurrence is Recurrence.weekly:
        return due_at + timedelta(weeks=1)
    if recurrence is Recurrence.monthly:
        return _add_months(due_at, 1, anchor)
    if recurrence is Recurrence.yearly:
        return _add_months(due_at, 12, anchor)
    raise ValueError(f"{recurrence} does not recur")


def _prepare_next(task: Task) -> Task | None:
    """The next occurrence of a recurring task being completed (once per task, even if it is reopened
    and done again). Its id is fixed now so the completed task's `next_task_id` goes out in the same
    UPDATE as the completion: one change, one version."""
    if task.recurrence == Recurrence.none or task.next_task_id is not None or task.due_at is None:
        return None
    nxt = Task(
        id=uuid7(),
        title=task.title,
        description=task.description,
        due_at=next_due(task.due_at, Recurrence(task.recurrence), task.recurrence_day),
        priority=task.priority,
        priority_rank=task.priority_rank,
        status=TaskStatus.open.value,
        assignee_id=task.assignee_id,
        created_by_id=task.created_by_id,
        record_type=task.record_type,
        record_id=task.record_id,
        recurrence=task.recurrence,
        recurrence_day=task.recurrence_day,
        previous_task_id=task.id,
        source=TaskSource.manual.value,
    )
    task.next_task_id = nxt.id
    return nxt


# --- writes ---------------------------------------------------------------------------------


async def _insert(
    session: AsyncSession, principal: Principal | None, task: Task, extra: dict[str, Any] | None = None
) -> Task:
    session.add(task)
    await session.flush()
    record_change(
        session,
        principal,
        OBJECT,
        task.id,
        "created",
        {k: (None, v) for k, v in snapshot(task).items() if v not in (None, "")},
    )
    emit(
        session,
        "task.created",
        OBJECT,
        task.id,
        {
            "id": str(task.id),
            "title": task.title,
            "assignee_id": str(task.assignee_id),
            "due_at": _json(task.due_at),
            "record_type": task.record_type,
            "record_id": _json(task.record_id),
            "source": task.source,
            **(extra or {}),
        },
        principal,
    )
    return task


def _set_priority(task: Task, priority: TaskPriority) -> None:
    task.priority = priority.value
    task.priority_rank = PriorityRank[priority.value].value


def _set_status(task: Task, status: TaskStatus) -> bool:
    """Applies a status; True when this completes the task."""
    if status.value == task.status:
        return False
    completing = status is TaskStatus.done
    task.status = status.value
    task.completed_at = utcnow() if completing else None
    return completing


def _check_recurrence(task: Task) -> None:
    if task.recurrence != Recurrence.none and task.due_at is None:
        raise Invalid.at(["body", "due_at"], "A recurring task needs a due date.", "missing")


async def _notify_assignee(session: AsyncSession, principal: Principal, task: Task) -> None:
    if task.assignee_id == principal.user_id:
        return
    await notifications_service.notify(
        session,
        task.assignee_id,
        "assignment",
        f"{principal.name} assigned you a task: {task.title}",
        task.description or "",
        record_type=OBJECT,
        record_id=task.id,
        actor=principal,
    )


async def _completed(session: AsyncSession, principal: Principal, task: Task, nxt: Task | None) -> None:
    if nxt is not None:
        await _insert(session, principal, nxt, {"previous_task_id": str(task.id)})
    emit(
        session,
        "task.completed",
        OBJECT,
        task.id,
        {"id": str(task.id), "next_task_id": _json(task.next_task_id)},
        principal,
    )


async def create(session: AsyncSession, principal: Principal, data: TaskCreate) -> Task:
    access.ensure_can_create(principal)
    values = data.changes()
    assignee_id = values.get("assignee_id") or principal.user_id
    await _check_assignee(session, principal, assignee_id)
    await _check_record(session, principal, values.get("record_type"), values.get("record_id"))
    task = Task(
        title=data.title,
        description=values.get("description"),
        due_at=values.get("due_at"),
        status=TaskStatus.open.value,
        assignee_id=assignee_id,
        created_by_id=principal.user_id,
        record_type=values.get("record_type"),
        record_id=values.get("record_id"),
        recurrence=(values.get("recurrence") or Recurrence.none).value,
        source=TaskSource.manual.value,
    )
    _set_priority(task, values.get("priority") or TaskPriority.normal)
    task.recurrence_day = task.due_at.astimezone(UTC).day if task.due_at else None
    _check_recurrence(task)
    completing = _set_status(task, values.get("status") or TaskStatus.open)
    nxt = _prepare_next(task) if completing else None
    await _insert(session, principal, task)
    await _notify_assignee(session, principal, task)
    if completing:
        await _completed(session, principal, task, nxt)
    return task


async def update(session: AsyncSession, principal: Principal, task: Task, data: TaskUpdate) -> Task:
    access.ensure_can_create(principal)
    values = data.changes()
    for key, what in REQUIRED.items():
        if key in values and values[key] is None:
            raise Invalid.at(["body", key], f"A task always has {what}.")
    before = snapshot(task)
    if "assignee_id" in values and values["assignee_id"] != task.assignee_id:
        await _check_assignee(session, principal, values["assignee_id"])
        task.assignee_id = values["assignee_id"]
    if "record_type" in values or "record_id" in values:
        record_type = values.get("record_type", task.record_type)
        record_id = values.get("record_id", task.record_id)
        if (record_type, record_id) != (task.record_type, task.record_id):
            await _check_record(session, principal, record_type, record_id)
            task.record_type, task.record_id = record_type, record_id
    for key in ("title", "description"):
        if key in values:
            setattr(task, key, values[key])
    if "due_at" in values and values["due_at"] != task.due_at:
        task.due_at = values["due_at"]
        task.recurrence_day = task.due_at.astimezone(UTC).day if task.due_at else None
        # A new due time is announced again when it comes.
        task.due_notified_at = None
    if "priority" in values:
        _set_priority(task, values["priority"])
    if "recurrence" in values:
        task.recurrence = values["recurrence"].value
    _check_recurrence(task)
    completing = _set_status(task, values["status"]) if "status" in values else False
    changes = diff(before, snapshot(task))
    if not changes:
        return task
    nxt = _prepare_next(task) if completing else None
    await session.flush()
    record_change(session, principal, OBJECT, task.id, "updated", changes)
    emit(session, "task.updated", OBJECT, task.id, {"id": str(task.id), "fields": sorted(changes)}, principal)
    if "assignee_id" in changes:
        await _notify_assignee(session, principal, task)
    if completing:
        await _completed(session, principal, task, nxt)
    return task


async def delete(session: AsyncSession, principal: Principal, task: Task) -> None:
    access.ensure_can_create(principal)
    await lifecycle.soft_delete(session, principal, task, OBJECT)


async def restore(session: AsyncSession, principal: Principal, task: Task) -> Task:
    access.ensure_can_create(principal)
    return await lifecycle.restore(session, principal, task, OBJECT)


# --- lists ----------------------------------------------------------------------------------


def zone(name: str) -> tzinfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise Invalid.at(["query", "tz"], f"Unknown time zone {name!r}; use an IANA name like Asia/Seoul.") from exc


def _local_midnight(day: Any, tz: tzinfo) -> datetime:
    return datetime.combine(day, time.min, tzinfo=tz).astimezone(UTC)


def view_window(view: TaskView, tz: tzinfo, now: datetime) -> tuple[datetime | None, datetime]:
    """[start, end) of due times for a view, the days taken in `tz`. `today` includes what fell due
    earlier today (so it overlaps `overdue`); `upcoming` is the 14 days after today."""
    today = now.astimezone(tz).date()
    if view is TaskView.overdue:
        return None, now
    if view is TaskView.today:
        return _local_midnight(today, tz), _local_midnight(today + timedelta(days=1), tz)
    return _local_midnight(today + timedelta(days=1), tz), _local_midnight(
        today + timedelta(days=1 + UPCOMING_DAYS), tz
    )


async def list_tasks(
    session: AsyncSession,
    principal: Principal,
    params: listing.ListParams,
    view: TaskView | None = None,
    tz: tzinfo = UTC,
) -> listing.ListResult:
    where: list[ColumnElement[bool]] = []
    clause = visible_clause(principal)
    if clause is not None:
        where.append(clause)
    if view is not None:
        start, end = view_window(view, tz, utcnow())
        where += [Task.status == TaskStatus.open.value, Task.due_at.is_not(None), Task.due_at < end]
        if start is not None:
            where.append(Task.due_at >= start)
        # The views are "my tasks" unless the query says whose.
        if not any(name in ("assignee_id", "created_by_id") for name, _, _ in params.filters):
            where.append(Task.assignee_id == principal.user_id)
        if params.sort is None and params.q is None:
            params.sort = "due_at"
    return await listing.paginate(session, list_spec(), params, where=where)


async def to_read(session: AsyncSession, rows: Sequence[Task]) -> list[TaskRead]:
    people = await users_service.names(
        session, {r.assignee_id for r in rows} | {r.created_by_id for r in rows if r.created_by_id}
    )
    return [
        TaskRead.model_validate(r).model_copy(
            update={
                "assignee_name": people.get(r.assignee_id),
                "created_by_name": people.get(r.created_by_id) if r.created_by_id else None,
            }
        )
        for r in rows
    ]


# --- for the reminders job ------------------------------------------------------------------


async def existing_reminder_keys(session: AsyncSession, keys: Iterable[str]) -> set[str]:
    """Keys already used, deleted tasks included: a dismissed reminder stays dismissed."""
    wanted = sorted(set(keys))
    found: set[str] = set()
    for i in range(0, len(wanted), 500):
        rows = await session.execute(select(Task.reminder_key).where(Task.reminder_key.in_(wanted[i : i + 500])))
        found.update(k for k in rows.scalars() if k)
    return found


async def create_reminder(
    session: AsyncSession,
    *,
    key: str,
    title: str,
    description: str,
    due_at: datetime,
    assignee_id: uuid.UUID,
    record_type: str,
    record_id: uuid.UUID,
) -> Task | None:
    """A generated task, or None when its key exists (the unique key settles a race, too)."""
    task = Task(
        title=title[:300],
        description=description,
        due_at=due_at,
        status=TaskStatus.open.value,
        assignee_id=assignee_id,
        created_by_id=None,
        record_type=record_type,
        record_id=record_id,
        recurrence=Recurrence.none.value,
        recurrence_day=due_at.day,
        source=TaskSource.reminder.value,
        reminder_key=key,
    )
    _set_priority(task, TaskPriority.normal)
    try:
        async with session.begin_nested():
            session.add(task)
            await session.flush()
    except IntegrityError:
        return None
    await _insert(session, None, task, {"reminder_key": key})
    return task


async def announce_due(session: AsyncSession, now: datetime | None = None, limit: int = 1000) -> int:
    """`task.due` (and a "task" notification) once per open task whose due time has passed. At most
    `limit` per run, so a backlog (say after downtime) drains over the next hourly runs."""
    now = now or utcnow()
    stmt = (
        select(Task)
        .where(
            Task.status == TaskStatus.open.value,
            Task.deleted_at.is_(None),
            Task.due_notified_at.is_(None),
            Task.due_at.is_not(None),
            Task.due_at <= now,
        )
        .order_by(Task.due_at, Task.id)
        .limit(limit)
        .execution_options(populate_existing=True)
    )
    count = 0
    for task in (await session.execute(stmt)).scalars().all():
        # A bookkeeping mark, not an edit: version and updated_at stay, so ETags and sync don't move.
        result = await session.execute(
            sql_update(Task)
            .where(Task.id == task.id, Task.due_notified_at.is_(None))
            .values(due_notified_at=now, updated_at=Task.updated_at)
            .execution_options(synchronize_session=False)
        )
        if result.rowcount != 1:  # type: ignore[attr-defined]
            continue
        assert task.due_at is not None
        emit(
            session,
            "task.due",
            OBJECT,
            task.id,
            {"id": str(task.id), "assignee_id": str(task.assignee_id), "due_at": _json(task.due_at)},
        )
        # A task made when it was already due (a late reminder, a past-due entry) was just announced
        # by its own notification; a second one would only be noise.
        if task.created_at < task.due_at:
            await notifications_service.notify(
                session,
                task.assignee_id,
                "task",
                f"Task due: {task.title}",
                task.description or "",
                record_type=OBJECT,
                record_id=task.id,
            )
        count += 1
    return count


async def _unlink_purged(session: AsyncSession, record_type: str, record_id: uuid.UUID) -> None:
    """Tasks about a purged record stay with their assignee, no longer pointing at it."""
    await session.execute(
        sql_update(Task)
        .where(Task.record_type == record_type, Task.record_id == record_id)
        .values(record_type=None, record_id=None)
        .execution_options(synchronize_session=False)
    )


lifecycle.PURGE_HOOKS.append(_unlink_purged)
