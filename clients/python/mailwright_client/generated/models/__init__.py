"""Contains all the data models used in inputs/outputs"""

from .add_suppression import AddSuppression
from .api_key_list import APIKeyList
from .api_key_out import APIKeyOut
from .attachment_in import AttachmentIn
from .attachment_out import AttachmentOut
from .attempt_out import AttemptOut
from .batch_item import BatchItem
from .batch_item_error_type_0 import BatchItemErrorType0
from .batch_request import BatchRequest
from .batch_response import BatchResponse
from .body_part import BodyPart
from .bulk_delete import BulkDelete
from .bulk_update import BulkUpdate
from .bulk_update_add_flags_item import BulkUpdateAddFlagsItem
from .bulk_update_remove_flags_item import BulkUpdateRemoveFlagsItem
from .change_out import ChangeOut
from .change_out_type import ChangeOutType
from .create_api_key import CreateAPIKey
from .create_api_key_scopes_item import CreateAPIKeyScopesItem
from .create_hold_rule import CreateHoldRule
from .created_api_key import CreatedAPIKey
from .delete_result import DeleteResult
from .draft_out import DraftOut
from .draft_request import DraftRequest
from .email_address import EmailAddress
from .event_address import EventAddress
from .field_error import FieldError
from .get_message_remote import GetMessageRemote
from .health import Health
from .health_database import HealthDatabase
from .health_recovery import HealthRecovery
from .health_status import HealthStatus
from .hold_rule_list import HoldRuleList
from .hold_rule_out import HoldRuleOut
from .in_reply_to_outbound import InReplyToOutbound
from .in_reply_to_outbound_metadata import InReplyToOutboundMetadata
from .incoming_event import IncomingEvent
from .incoming_meta import IncomingMeta
from .last_result import LastResult
from .list_messages_order import ListMessagesOrder
from .list_messages_sort import ListMessagesSort
from .list_outbound_state import ListOutboundState
from .list_webhook_deliveries_state import ListWebhookDeliveriesState
from .listener_health import ListenerHealth
from .liveness import Liveness
from .login import Login
from .mailbox_create import MailboxCreate
from .mailbox_list import MailboxList
from .mailbox_out import MailboxOut
from .mailbox_out_role_type_0 import MailboxOutRoleType0
from .mailbox_update import MailboxUpdate
from .message_detail import MessageDetail
from .message_detail_flags_item import MessageDetailFlagsItem
from .message_item import MessageItem
from .message_item_flags_item import MessageItemFlagsItem
from .message_meta import MessageMeta
from .message_page import MessagePage
from .message_update import MessageUpdate
from .message_update_add_flags_item import MessageUpdateAddFlagsItem
from .message_update_remove_flags_item import MessageUpdateRemoveFlagsItem
from .outbound_detail import OutboundDetail
from .outbound_detail_metadata import OutboundDetailMetadata
from .outbound_detail_state import OutboundDetailState
from .outbound_out import OutboundOut
from .outbound_out_metadata import OutboundOutMetadata
from .outbound_out_state import OutboundOutState
from .outbound_page import OutboundPage
from .outgoing_event import OutgoingEvent
from .outgoing_event_event import OutgoingEventEvent
from .outgoing_event_metadata import OutgoingEventMetadata
from .part_out import PartOut
from .problem import Problem
from .rotate_secret import RotateSecret
from .search_messages_flag_item import SearchMessagesFlagItem
from .search_messages_not_flag_item import SearchMessagesNotFlagItem
from .send_files_body import SendFilesBody
from .send_request import SendRequest
from .send_request_headers import SendRequestHeaders
from .send_request_metadata import SendRequestMetadata
from .send_response import SendResponse
from .service_info import ServiceInfo
from .session_out import SessionOut
from .submission_out import SubmissionOut
from .suppressed_by import SuppressedBy
from .suppression_match import SuppressionMatch
from .suppression_out import SuppressionOut
from .suppression_page import SuppressionPage
from .suppression_settings import SuppressionSettings
from .test_event import TestEvent
from .thread_out import ThreadOut
from .update_result import UpdateResult
from .webhook_attempt_out import WebhookAttemptOut
from .webhook_delivery_detail import WebhookDeliveryDetail
from .webhook_delivery_detail_state import WebhookDeliveryDetailState
from .webhook_delivery_out import WebhookDeliveryOut
from .webhook_delivery_out_state import WebhookDeliveryOutState
from .webhook_delivery_page import WebhookDeliveryPage
from .webhook_settings_in import WebhookSettingsIn
from .webhook_settings_out import WebhookSettingsOut
from .webhook_settings_patch import WebhookSettingsPatch
from .webhook_test_out import WebhookTestOut

__all__ = (
    "AddSuppression",
    "APIKeyList",
    "APIKeyOut",
    "AttachmentIn",
    "AttachmentOut",
    "AttemptOut",
    "BatchItem",
    "BatchItemErrorType0",
    "BatchRequest",
    "BatchResponse",
    "BodyPart",
    "BulkDelete",
    "BulkUpdate",
    "BulkUpdateAddFlagsItem",
    "BulkUpdateRemoveFlagsItem",
    "ChangeOut",
    "ChangeOutType",
    "CreateAPIKey",
    "CreateAPIKeyScopesItem",
    "CreatedAPIKey",
    "CreateHoldRule",
    "DeleteResult",
    "DraftOut",
    "DraftRequest",
    "EmailAddress",
    "EventAddress",
    "FieldError",
    "GetMessageRemote",
    "Health",
    "HealthDatabase",
    "HealthRecovery",
    "HealthStatus",
    "HoldRuleList",
    "HoldRuleOut",
    "IncomingEvent",
    "IncomingMeta",
    "InReplyToOutbound",
    "InReplyToOutboundMetadata",
    "LastResult",
    "ListenerHealth",
    "ListMessagesOrder",
    "ListMessagesSort",
    "ListOutboundState",
    "ListWebhookDeliveriesState",
    "Liveness",
    "Login",
    "MailboxCreate",
    "MailboxList",
    "MailboxOut",
    "MailboxOutRoleType0",
    "MailboxUpdate",
    "MessageDetail",
    "MessageDetailFlagsItem",
    "MessageItem",
    "MessageItemFlagsItem",
    "MessageMeta",
    "MessagePage",
    "MessageUpdate",
    "MessageUpdateAddFlagsItem",
    "MessageUpdateRemoveFlagsItem",
    "OutboundDetail",
    "OutboundDetailMetadata",
    "OutboundDetailState",
    "OutboundOut",
    "OutboundOutMetadata",
    "OutboundOutState",
    "OutboundPage",
    "OutgoingEvent",
    "OutgoingEventEvent",
    "OutgoingEventMetadata",
    "PartOut",
    "Problem",
    "RotateSecret",
    "SearchMessagesFlagItem",
    "SearchMessagesNotFlagItem",
    "SendFilesBody",
    "SendRequest",
    "SendRequestHeaders",
    "SendRequestMetadata",
    "SendResponse",
    "ServiceInfo",
    "SessionOut",
    "SubmissionOut",
    "SuppressedBy",
    "SuppressionMatch",
    "SuppressionOut",
    "SuppressionPage",
    "SuppressionSettings",
    "TestEvent",
    "ThreadOut",
    "UpdateResult",
    "WebhookAttemptOut",
    "WebhookDeliveryDetail",
    "WebhookDeliveryDetailState",
    "WebhookDeliveryOut",
    "WebhookDeliveryOutState",
    "WebhookDeliveryPage",
    "WebhookSettingsIn",
    "WebhookSettingsOut",
    "WebhookSettingsPatch",
    "WebhookTestOut",
)
