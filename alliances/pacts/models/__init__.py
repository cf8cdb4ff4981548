"""The pact data model, one module per subject."""

from .atop import AtopDisagreement, AtopMember, AtopPhase
from .clauses import Clause, ClauseVersion, Reservation
from .commitments import CodingNote, Commitment, CommitmentCondition, CommitmentSide, evidence_of
from .invocations import Invocation
from .pacts import InferenceEvidence, Pact, Party, Suspension
from .saved_views import SavedView, TableConfig, TableName
from .sources import Claim, ClaimPact, Excerpt, Source
from .states import State

__all__ = [
    "AtopDisagreement",
    "AtopMember",
    "AtopPhase",
    "Claim",
    "ClaimPact",
    "Clause",
    "ClauseVersion",
    "CodingNote",
    "Commitment",
    "CommitmentCondition",
    "CommitmentSide",
    "Excerpt",
    "InferenceEvidence",
    "Invocation",
    "Pact",
    "Party",
    "Reservation",
    "SavedView",
    "Source",
    "State",
    "Suspension",
    "TableConfig",
    "TableName",
    "evidence_of",
]
