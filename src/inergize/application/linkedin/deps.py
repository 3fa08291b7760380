"""The ports the LinkedIn use cases are handed, and the settings of the integration, bundled once by
the composition root."""

from __future__ import annotations

from dataclasses import dataclass

from inergize.ports.clock import Clock
from inergize.ports.linkedin import LinkedInGateway
from inergize.ports.secret_box import SecretBox
from inergize.ports.unit_of_work import UnitOfWorkFactory
from inergize.ports.workbook import WorkbookReader


@dataclass(frozen=True, slots=True, kw_only=True)
class LinkedInDeps:
    """LinkedIn (the sandbox or the REST API), the box its tokens are stored encrypted in, where LinkedIn
    sends the browser back, the reader of the creator-analytics workbook, the size limit of a data-export
    upload and the LinkedIn-Version we call."""

    uow_factory: UnitOfWorkFactory
    clock: Clock
    gateway: LinkedInGateway
    secret_box: SecretBox
    redirect_uri: str  # where LinkedIn sends the browser back after consent (connect)
    signin_redirect_uri: str  # the same for "Sign in with LinkedIn"
    workbooks: WorkbookReader
    import_max_bytes: int
    api_version: str
