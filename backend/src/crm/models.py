"""Imports every table so Alembic and the tests see the whole schema."""

from crm.access.models import AccessPolicy  # noqa: F401
from crm.api_keys.models import ApiKey  # noqa: F401
from crm.auth.models import RefreshToken  # noqa: F401
from crm.calendar.models import CalendarFeed  # noqa: F401
from crm.comments.models import Comment  # noqa: F401
from crm.core.models import AuditLog, FieldChange, IdempotencyKey, OutboxEvent  # noqa: F401
from crm.custom_fields.models import CustomFieldDefinition  # noqa: F401
from crm.customers.models import Customer  # noqa: F401
from crm.db import Base
from crm.deals.models import Deal, DealStageChange, LostReason  # noqa: F401
from crm.documents.models import Document, DocumentLink, DocumentVersion, ShareDownload, ShareLink  # noqa: F401
from crm.exchange_rates.models import ExchangeRate  # noqa: F401
from crm.interactions.models import Interaction  # noqa: F401
from crm.leads.models import (  # noqa: F401
    AssignmentRule,
    Lead,
    ScoringModelRun,
    ScoringRule,
    WebForm,
    WebFormSubmission,
)
from crm.notifications.models import Notification, NotificationPreference, OutgoingEmail  # noqa: F401
from crm.pipelines.models import Pipeline, Stage  # noqa: F401
from crm.products.models import Product  # noqa: F401
from crm.quotes.models import DealLine, Quote, QuoteCounter  # noqa: F401
from crm.reminders.models import ReminderRule  # noqa: F401
from crm.tasks.models import Task  # noqa: F401
from crm.users.models import User  # noqa: F401
from crm.worker.models import JobRun  # noqa: F401

metadata = Base.metadata
