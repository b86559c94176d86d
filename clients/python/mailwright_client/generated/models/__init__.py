"""Contains all the data models used in inputs/outputs"""

from .add_suppression import AddSuppression
from .api_key_list import APIKeyList
from .api_key_out import APIKeyOut
from .attachment_in import AttachmentIn
from .attempt_out import AttemptOut
from .batch_item import BatchItem
from .batch_item_error_type_0 import BatchItemErrorType0
from .batch_request import BatchRequest
from .batch_response import BatchResponse
from .body_part import BodyPart
from .create_api_key import CreateAPIKey
from .create_api_key_scopes_item import CreateAPIKeyScopesItem
from .create_hold_rule import CreateHoldRule
from .created_api_key import CreatedAPIKey
from .email_address import EmailAddress
from .event_address import EventAddress
from .field_error import FieldError
from .health import Health
from .hold_rule_list import HoldRuleList
from .hold_rule_out import HoldRuleOut
from .in_reply_to_outbound import InReplyToOutbound
from .in_reply_to_outbound_metadata import InReplyToOutboundMetadata
from .incoming_event import IncomingEvent
from .incoming_event_event import IncomingEventEvent
from .incoming_meta import IncomingMeta
from .last_result import LastResult
from .list_outbound_state import ListOutboundState
from .list_webhook_deliveries_state import ListWebhookDeliveriesState
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
from .problem import Problem
from .rotate_secret import RotateSecret
from .send_files_body import SendFilesBody
from .send_request import SendRequest
from .send_request_headers import SendRequestHeaders
from .send_request_metadata import SendRequestMetadata
from .send_response import SendResponse
from .service_info import ServiceInfo
from .submission_out import SubmissionOut
from .suppression_out import SuppressionOut
from .suppression_page import SuppressionPage
from .test_event import TestEvent
from .test_event_event import TestEventEvent
from .webhook_attempt_out import WebhookAttemptOut
from .webhook_delivery_detail import WebhookDeliveryDetail
from .webhook_delivery_detail_state import WebhookDeliveryDetailState
from .webhook_delivery_out import WebhookDeliveryOut
from .webhook_delivery_out_state import WebhookDeliveryOutState
from .webhook_delivery_page import WebhookDeliveryPage
from .webhook_settings_in import WebhookSettingsIn
from .webhook_settings_out import WebhookSettingsOut

__all__ = (
    "AddSuppression",
    "APIKeyList",
    "APIKeyOut",
    "AttachmentIn",
    "AttemptOut",
    "BatchItem",
    "BatchItemErrorType0",
    "BatchRequest",
    "BatchResponse",
    "BodyPart",
    "CreateAPIKey",
    "CreateAPIKeyScopesItem",
    "CreatedAPIKey",
    "CreateHoldRule",
    "EmailAddress",
    "EventAddress",
    "FieldError",
    "Health",
    "HoldRuleList",
    "HoldRuleOut",
    "IncomingEvent",
    "IncomingEventEvent",
    "IncomingMeta",
    "InReplyToOutbound",
    "InReplyToOutboundMetadata",
    "LastResult",
    "ListOutboundState",
    "ListWebhookDeliveriesState",
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
    "Problem",
    "RotateSecret",
    "SendFilesBody",
    "SendRequest",
    "SendRequestHeaders",
    "SendRequestMetadata",
    "SendResponse",
    "ServiceInfo",
    "SubmissionOut",
    "SuppressionOut",
    "SuppressionPage",
    "TestEvent",
    "TestEventEvent",
    "WebhookAttemptOut",
    "WebhookDeliveryDetail",
    "WebhookDeliveryDetailState",
    "WebhookDeliveryOut",
    "WebhookDeliveryOutState",
    "WebhookDeliveryPage",
    "WebhookSettingsIn",
    "WebhookSettingsOut",
)
