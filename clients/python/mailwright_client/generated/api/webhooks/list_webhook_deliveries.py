from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.list_webhook_deliveries_state import ListWebhookDeliveriesState
from ...models.problem import Problem
from ...models.webhook_delivery_page import WebhookDeliveryPage
from ...types import UNSET, Unset
from typing import cast


def _get_kwargs(
    *,
    state: ListWebhookDeliveriesState | Unset = UNSET,
    event: str | Unset = UNSET,
    outbound_id: int | Unset = UNSET,
    cursor: str | Unset = UNSET,
    limit: int | Unset = 50,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_state: str | Unset = UNSET
    if not isinstance(state, Unset):
        json_state = state.value

    params["state"] = json_state

    params["event"] = event

    params["outbound_id"] = outbound_id

    params["cursor"] = cursor

    params["limit"] = limit

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/webhook-deliveries",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | WebhookDeliveryPage | None:
    if response.status_code == 200:
        response_200 = WebhookDeliveryPage.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

    if response.status_code == 429:
        response_429 = Problem.from_dict(response.json())

        return response_429

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Problem | WebhookDeliveryPage]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    state: ListWebhookDeliveriesState | Unset = UNSET,
    event: str | Unset = UNSET,
    outbound_id: int | Unset = UNSET,
    cursor: str | Unset = UNSET,
    limit: int | Unset = 50,
) -> Response[Problem | WebhookDeliveryPage]:
    """List webhook calls

    Args:
        state (ListWebhookDeliveriesState | Unset): Only this state.
        event (str | Unset): Only this event type.
        outbound_id (int | Unset): Only events about this recipient.
        cursor (str | Unset): From `next_cursor` of the previous page.
        limit (int | Unset): Page size. Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | WebhookDeliveryPage]
    """

    kwargs = _get_kwargs(
        state=state,
        event=event,
        outbound_id=outbound_id,
        cursor=cursor,
        limit=limit,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    state: ListWebhookDeliveriesState | Unset = UNSET,
    event: str | Unset = UNSET,
    outbound_id: int | Unset = UNSET,
    cursor: str | Unset = UNSET,
    limit: int | Unset = 50,
) -> Problem | WebhookDeliveryPage | None:
    """List webhook calls

    Args:
        state (ListWebhookDeliveriesState | Unset): Only this state.
        event (str | Unset): Only this event type.
        outbound_id (int | Unset): Only events about this recipient.
        cursor (str | Unset): From `next_cursor` of the previous page.
        limit (int | Unset): Page size. Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | WebhookDeliveryPage
    """

    return sync_detailed(
        client=client,
        state=state,
        event=event,
        outbound_id=outbound_id,
        cursor=cursor,
        limit=limit,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    state: ListWebhookDeliveriesState | Unset = UNSET,
    event: str | Unset = UNSET,
    outbound_id: int | Unset = UNSET,
    cursor: str | Unset = UNSET,
    limit: int | Unset = 50,
) -> Response[Problem | WebhookDeliveryPage]:
    """List webhook calls

    Args:
        state (ListWebhookDeliveriesState | Unset): Only this state.
        event (str | Unset): Only this event type.
        outbound_id (int | Unset): Only events about this recipient.
        cursor (str | Unset): From `next_cursor` of the previous page.
        limit (int | Unset): Page size. Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | WebhookDeliveryPage]
    """

    kwargs = _get_kwargs(
        state=state,
        event=event,
        outbound_id=outbound_id,
        cursor=cursor,
        limit=limit,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    state: ListWebhookDeliveriesState | Unset = UNSET,
    event: str | Unset = UNSET,
    outbound_id: int | Unset = UNSET,
    cursor: str | Unset = UNSET,
    limit: int | Unset = 50,
) -> Problem | WebhookDeliveryPage | None:
    """List webhook calls

    Args:
        state (ListWebhookDeliveriesState | Unset): Only this state.
        event (str | Unset): Only this event type.
        outbound_id (int | Unset): Only events about this recipient.
        cursor (str | Unset): From `next_cursor` of the previous page.
        limit (int | Unset): Page size. Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | WebhookDeliveryPage
    """

    return (
        await asyncio_detailed(
            client=client,
            state=state,
            event=event,
            outbound_id=outbound_id,
            cursor=cursor,
            limit=limit,
        )
    ).parsed
