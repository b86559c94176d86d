from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.list_outbound_state import ListOutboundState
from ...models.outbound_page import OutboundPage
from ...models.problem import Problem
from ...types import UNSET, Unset
from typing import cast
import datetime


def _get_kwargs(
    *,
    state: ListOutboundState | Unset = UNSET,
    recipient: str | Unset = UNSET,
    recipient_domain: str | Unset = UNSET,
    message_id: str | Unset = UNSET,
    metadata: list[str] | Unset = UNSET,
    since: datetime.datetime | Unset = UNSET,
    until: datetime.datetime | Unset = UNSET,
    cursor: str | Unset = UNSET,
    limit: int | Unset = 50,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_state: str | Unset = UNSET
    if not isinstance(state, Unset):
        json_state = state.value

    params["state"] = json_state

    params["recipient"] = recipient

    params["recipient_domain"] = recipient_domain

    params["message_id"] = message_id

    json_metadata: list[str] | Unset = UNSET
    if not isinstance(metadata, Unset):
        json_metadata = metadata

    params["metadata"] = json_metadata

    json_since: str | Unset = UNSET
    if not isinstance(since, Unset):
        json_since = since.isoformat()
    params["since"] = json_since

    json_until: str | Unset = UNSET
    if not isinstance(until, Unset):
        json_until = until.isoformat()
    params["until"] = json_until

    params["cursor"] = cursor

    params["limit"] = limit

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/outbound",
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> OutboundPage | Problem | None:
    if response.status_code == 200:
        response_200 = OutboundPage.from_dict(response.json())

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
) -> Response[OutboundPage | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    state: ListOutboundState | Unset = UNSET,
    recipient: str | Unset = UNSET,
    recipient_domain: str | Unset = UNSET,
    message_id: str | Unset = UNSET,
    metadata: list[str] | Unset = UNSET,
    since: datetime.datetime | Unset = UNSET,
    until: datetime.datetime | Unset = UNSET,
    cursor: str | Unset = UNSET,
    limit: int | Unset = 50,
) -> Response[OutboundPage | Problem]:
    """List sent messages' recipients

    Args:
        state (ListOutboundState | Unset): Only this state.
        recipient (str | Unset): Only this recipient address: the case of ASCII letters does not
            matter, and an international domain may be given in Unicode or as A-labels (xn--).
        recipient_domain (str | Unset): Only this recipient domain.
        message_id (str | Unset): Only this Message-ID.
        metadata (list[str] | Unset): key=value; repeat to require several.
        since (datetime.datetime | Unset): Queued at or after.
        until (datetime.datetime | Unset): Queued before.
        cursor (str | Unset): From `next_cursor` of the previous page.
        limit (int | Unset): Page size. Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[OutboundPage | Problem]
    """

    kwargs = _get_kwargs(
        state=state,
        recipient=recipient,
        recipient_domain=recipient_domain,
        message_id=message_id,
        metadata=metadata,
        since=since,
        until=until,
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
    state: ListOutboundState | Unset = UNSET,
    recipient: str | Unset = UNSET,
    recipient_domain: str | Unset = UNSET,
    message_id: str | Unset = UNSET,
    metadata: list[str] | Unset = UNSET,
    since: datetime.datetime | Unset = UNSET,
    until: datetime.datetime | Unset = UNSET,
    cursor: str | Unset = UNSET,
    limit: int | Unset = 50,
) -> OutboundPage | Problem | None:
    """List sent messages' recipients

    Args:
        state (ListOutboundState | Unset): Only this state.
        recipient (str | Unset): Only this recipient address: the case of ASCII letters does not
            matter, and an international domain may be given in Unicode or as A-labels (xn--).
        recipient_domain (str | Unset): Only this recipient domain.
        message_id (str | Unset): Only this Message-ID.
        metadata (list[str] | Unset): key=value; repeat to require several.
        since (datetime.datetime | Unset): Queued at or after.
        until (datetime.datetime | Unset): Queued before.
        cursor (str | Unset): From `next_cursor` of the previous page.
        limit (int | Unset): Page size. Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        OutboundPage | Problem
    """

    return sync_detailed(
        client=client,
        state=state,
        recipient=recipient,
        recipient_domain=recipient_domain,
        message_id=message_id,
        metadata=metadata,
        since=since,
        until=until,
        cursor=cursor,
        limit=limit,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    state: ListOutboundState | Unset = UNSET,
    recipient: str | Unset = UNSET,
    recipient_domain: str | Unset = UNSET,
    message_id: str | Unset = UNSET,
    metadata: list[str] | Unset = UNSET,
    since: datetime.datetime | Unset = UNSET,
    until: datetime.datetime | Unset = UNSET,
    cursor: str | Unset = UNSET,
    limit: int | Unset = 50,
) -> Response[OutboundPage | Problem]:
    """List sent messages' recipients

    Args:
        state (ListOutboundState | Unset): Only this state.
        recipient (str | Unset): Only this recipient address: the case of ASCII letters does not
            matter, and an international domain may be given in Unicode or as A-labels (xn--).
        recipient_domain (str | Unset): Only this recipient domain.
        message_id (str | Unset): Only this Message-ID.
        metadata (list[str] | Unset): key=value; repeat to require several.
        since (datetime.datetime | Unset): Queued at or after.
        until (datetime.datetime | Unset): Queued before.
        cursor (str | Unset): From `next_cursor` of the previous page.
        limit (int | Unset): Page size. Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[OutboundPage | Problem]
    """

    kwargs = _get_kwargs(
        state=state,
        recipient=recipient,
        recipient_domain=recipient_domain,
        message_id=message_id,
        metadata=metadata,
        since=since,
        until=until,
        cursor=cursor,
        limit=limit,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    state: ListOutboundState | Unset = UNSET,
    recipient: str | Unset = UNSET,
    recipient_domain: str | Unset = UNSET,
    message_id: str | Unset = UNSET,
    metadata: list[str] | Unset = UNSET,
    since: datetime.datetime | Unset = UNSET,
    until: datetime.datetime | Unset = UNSET,
    cursor: str | Unset = UNSET,
    limit: int | Unset = 50,
) -> OutboundPage | Problem | None:
    """List sent messages' recipients

    Args:
        state (ListOutboundState | Unset): Only this state.
        recipient (str | Unset): Only this recipient address: the case of ASCII letters does not
            matter, and an international domain may be given in Unicode or as A-labels (xn--).
        recipient_domain (str | Unset): Only this recipient domain.
        message_id (str | Unset): Only this Message-ID.
        metadata (list[str] | Unset): key=value; repeat to require several.
        since (datetime.datetime | Unset): Queued at or after.
        until (datetime.datetime | Unset): Queued before.
        cursor (str | Unset): From `next_cursor` of the previous page.
        limit (int | Unset): Page size. Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        OutboundPage | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            state=state,
            recipient=recipient,
            recipient_domain=recipient_domain,
            message_id=message_id,
            metadata=metadata,
            since=since,
            until=until,
            cursor=cursor,
            limit=limit,
        )
    ).parsed
