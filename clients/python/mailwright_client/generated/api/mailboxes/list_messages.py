from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.list_messages_order import ListMessagesOrder
from ...models.list_messages_sort import ListMessagesSort
from ...models.message_page import MessagePage
from ...models.problem import Problem
from ...types import UNSET, Unset
from typing import cast


def _get_kwargs(
    mailbox_id: int,
    *,
    sort: ListMessagesSort | Unset = ListMessagesSort.RECEIVED,
    order: ListMessagesOrder | Unset = ListMessagesOrder.DESC,
    cursor: str | Unset = UNSET,
    limit: int | Unset = 50,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_sort: str | Unset = UNSET
    if not isinstance(sort, Unset):
        json_sort = sort.value

    params["sort"] = json_sort

    json_order: str | Unset = UNSET
    if not isinstance(order, Unset):
        json_order = order.value

    params["order"] = json_order

    params["cursor"] = cursor

    params["limit"] = limit

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/mailboxes/{mailbox_id}/messages".format(
            mailbox_id=quote(str(mailbox_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> MessagePage | Problem | None:
    if response.status_code == 200:
        response_200 = MessagePage.from_dict(response.json())

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

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

    if response.status_code == 429:
        response_429 = Problem.from_dict(response.json())

        return response_429

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[MessagePage | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    mailbox_id: int,
    *,
    client: AuthenticatedClient | Client,
    sort: ListMessagesSort | Unset = ListMessagesSort.RECEIVED,
    order: ListMessagesOrder | Unset = ListMessagesOrder.DESC,
    cursor: str | Unset = UNSET,
    limit: int | Unset = 50,
) -> Response[MessagePage | Problem]:
    """List a mailbox's messages

    Args:
        mailbox_id (int):
        sort (ListMessagesSort | Unset): Order by this; subject ignores Re:/Fwd:. Default:
            ListMessagesSort.RECEIVED.
        order (ListMessagesOrder | Unset): Newest (largest) first, or last. Default:
            ListMessagesOrder.DESC.
        cursor (str | Unset): From `next_cursor` of the previous page.
        limit (int | Unset): Page size. Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[MessagePage | Problem]
    """

    kwargs = _get_kwargs(
        mailbox_id=mailbox_id,
        sort=sort,
        order=order,
        cursor=cursor,
        limit=limit,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    mailbox_id: int,
    *,
    client: AuthenticatedClient | Client,
    sort: ListMessagesSort | Unset = ListMessagesSort.RECEIVED,
    order: ListMessagesOrder | Unset = ListMessagesOrder.DESC,
    cursor: str | Unset = UNSET,
    limit: int | Unset = 50,
) -> MessagePage | Problem | None:
    """List a mailbox's messages

    Args:
        mailbox_id (int):
        sort (ListMessagesSort | Unset): Order by this; subject ignores Re:/Fwd:. Default:
            ListMessagesSort.RECEIVED.
        order (ListMessagesOrder | Unset): Newest (largest) first, or last. Default:
            ListMessagesOrder.DESC.
        cursor (str | Unset): From `next_cursor` of the previous page.
        limit (int | Unset): Page size. Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        MessagePage | Problem
    """

    return sync_detailed(
        mailbox_id=mailbox_id,
        client=client,
        sort=sort,
        order=order,
        cursor=cursor,
        limit=limit,
    ).parsed


async def asyncio_detailed(
    mailbox_id: int,
    *,
    client: AuthenticatedClient | Client,
    sort: ListMessagesSort | Unset = ListMessagesSort.RECEIVED,
    order: ListMessagesOrder | Unset = ListMessagesOrder.DESC,
    cursor: str | Unset = UNSET,
    limit: int | Unset = 50,
) -> Response[MessagePage | Problem]:
    """List a mailbox's messages

    Args:
        mailbox_id (int):
        sort (ListMessagesSort | Unset): Order by this; subject ignores Re:/Fwd:. Default:
            ListMessagesSort.RECEIVED.
        order (ListMessagesOrder | Unset): Newest (largest) first, or last. Default:
            ListMessagesOrder.DESC.
        cursor (str | Unset): From `next_cursor` of the previous page.
        limit (int | Unset): Page size. Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[MessagePage | Problem]
    """

    kwargs = _get_kwargs(
        mailbox_id=mailbox_id,
        sort=sort,
        order=order,
        cursor=cursor,
        limit=limit,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    mailbox_id: int,
    *,
    client: AuthenticatedClient | Client,
    sort: ListMessagesSort | Unset = ListMessagesSort.RECEIVED,
    order: ListMessagesOrder | Unset = ListMessagesOrder.DESC,
    cursor: str | Unset = UNSET,
    limit: int | Unset = 50,
) -> MessagePage | Problem | None:
    """List a mailbox's messages

    Args:
        mailbox_id (int):
        sort (ListMessagesSort | Unset): Order by this; subject ignores Re:/Fwd:. Default:
            ListMessagesSort.RECEIVED.
        order (ListMessagesOrder | Unset): Newest (largest) first, or last. Default:
            ListMessagesOrder.DESC.
        cursor (str | Unset): From `next_cursor` of the previous page.
        limit (int | Unset): Page size. Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        MessagePage | Problem
    """

    return (
        await asyncio_detailed(
            mailbox_id=mailbox_id,
            client=client,
            sort=sort,
            order=order,
            cursor=cursor,
            limit=limit,
        )
    ).parsed
