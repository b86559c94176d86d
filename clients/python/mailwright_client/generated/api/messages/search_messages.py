from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.message_page import MessagePage
from ...models.problem import Problem
from ...models.search_messages_flag_item import SearchMessagesFlagItem
from ...models.search_messages_not_flag_item import SearchMessagesNotFlagItem
from ...types import UNSET, Unset
from typing import cast
import datetime


def _get_kwargs(
    *,
    q: str | Unset = UNSET,
    from_: str | Unset = UNSET,
    to: str | Unset = UNSET,
    subject: str | Unset = UNSET,
    body: str | Unset = UNSET,
    mailbox_id: int | Unset = UNSET,
    thread_id: int | Unset = UNSET,
    since: datetime.datetime | Unset = UNSET,
    before: datetime.datetime | Unset = UNSET,
    flag: list[SearchMessagesFlagItem] | Unset = UNSET,
    not_flag: list[SearchMessagesNotFlagItem] | Unset = UNSET,
    keyword: str | Unset = UNSET,
    has_attachment: bool | Unset = UNSET,
    cursor: str | Unset = UNSET,
    limit: int | Unset = 50,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["q"] = q

    params["from"] = from_

    params["to"] = to

    params["subject"] = subject

    params["body"] = body

    params["mailbox_id"] = mailbox_id

    params["thread_id"] = thread_id

    json_since: str | Unset = UNSET
    if not isinstance(since, Unset):
        json_since = since.isoformat()
    params["since"] = json_since

    json_before: str | Unset = UNSET
    if not isinstance(before, Unset):
        json_before = before.isoformat()
    params["before"] = json_before

    json_flag: list[str] | Unset = UNSET
    if not isinstance(flag, Unset):
        json_flag = []
        for flag_item_data in flag:
            flag_item = flag_item_data.value
            json_flag.append(flag_item)

    params["flag"] = json_flag

    json_not_flag: list[str] | Unset = UNSET
    if not isinstance(not_flag, Unset):
        json_not_flag = []
        for not_flag_item_data in not_flag:
            not_flag_item = not_flag_item_data.value
            json_not_flag.append(not_flag_item)

    params["not_flag"] = json_not_flag

    params["keyword"] = keyword

    params["has_attachment"] = has_attachment

    params["cursor"] = cursor

    params["limit"] = limit

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/messages",
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
    *,
    client: AuthenticatedClient | Client,
    q: str | Unset = UNSET,
    from_: str | Unset = UNSET,
    to: str | Unset = UNSET,
    subject: str | Unset = UNSET,
    body: str | Unset = UNSET,
    mailbox_id: int | Unset = UNSET,
    thread_id: int | Unset = UNSET,
    since: datetime.datetime | Unset = UNSET,
    before: datetime.datetime | Unset = UNSET,
    flag: list[SearchMessagesFlagItem] | Unset = UNSET,
    not_flag: list[SearchMessagesNotFlagItem] | Unset = UNSET,
    keyword: str | Unset = UNSET,
    has_attachment: bool | Unset = UNSET,
    cursor: str | Unset = UNSET,
    limit: int | Unset = 50,
) -> Response[MessagePage | Problem]:
    """Search messages

    Args:
        q (str | Unset): Words anywhere (subject, addresses, text); `invo*` for a prefix.
        from_ (str | Unset): Words in From/Sender.
        to (str | Unset): Words in To/Cc/Bcc.
        subject (str | Unset): Words in the subject.
        body (str | Unset): Words in the text.
        mailbox_id (int | Unset): Only in this mailbox.
        thread_id (int | Unset): Only in this thread.
        since (datetime.datetime | Unset): Received at or after.
        before (datetime.datetime | Unset): Received before.
        flag (list[SearchMessagesFlagItem] | Unset): Has this flag; repeat for several.
        not_flag (list[SearchMessagesNotFlagItem] | Unset): Lacks this flag (`not_flag=seen`:
            unread).
        keyword (str | Unset): Has this keyword.
        has_attachment (bool | Unset): With (or without) attachments.
        cursor (str | Unset): From `next_cursor` of the previous page.
        limit (int | Unset): Page size. Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[MessagePage | Problem]
    """

    kwargs = _get_kwargs(
        q=q,
        from_=from_,
        to=to,
        subject=subject,
        body=body,
        mailbox_id=mailbox_id,
        thread_id=thread_id,
        since=since,
        before=before,
        flag=flag,
        not_flag=not_flag,
        keyword=keyword,
        has_attachment=has_attachment,
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
    q: str | Unset = UNSET,
    from_: str | Unset = UNSET,
    to: str | Unset = UNSET,
    subject: str | Unset = UNSET,
    body: str | Unset = UNSET,
    mailbox_id: int | Unset = UNSET,
    thread_id: int | Unset = UNSET,
    since: datetime.datetime | Unset = UNSET,
    before: datetime.datetime | Unset = UNSET,
    flag: list[SearchMessagesFlagItem] | Unset = UNSET,
    not_flag: list[SearchMessagesNotFlagItem] | Unset = UNSET,
    keyword: str | Unset = UNSET,
    has_attachment: bool | Unset = UNSET,
    cursor: str | Unset = UNSET,
    limit: int | Unset = 50,
) -> MessagePage | Problem | None:
    """Search messages

    Args:
        q (str | Unset): Words anywhere (subject, addresses, text); `invo*` for a prefix.
        from_ (str | Unset): Words in From/Sender.
        to (str | Unset): Words in To/Cc/Bcc.
        subject (str | Unset): Words in the subject.
        body (str | Unset): Words in the text.
        mailbox_id (int | Unset): Only in this mailbox.
        thread_id (int | Unset): Only in this thread.
        since (datetime.datetime | Unset): Received at or after.
        before (datetime.datetime | Unset): Received before.
        flag (list[SearchMessagesFlagItem] | Unset): Has this flag; repeat for several.
        not_flag (list[SearchMessagesNotFlagItem] | Unset): Lacks this flag (`not_flag=seen`:
            unread).
        keyword (str | Unset): Has this keyword.
        has_attachment (bool | Unset): With (or without) attachments.
        cursor (str | Unset): From `next_cursor` of the previous page.
        limit (int | Unset): Page size. Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        MessagePage | Problem
    """

    return sync_detailed(
        client=client,
        q=q,
        from_=from_,
        to=to,
        subject=subject,
        body=body,
        mailbox_id=mailbox_id,
        thread_id=thread_id,
        since=since,
        before=before,
        flag=flag,
        not_flag=not_flag,
        keyword=keyword,
        has_attachment=has_attachment,
        cursor=cursor,
        limit=limit,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    q: str | Unset = UNSET,
    from_: str | Unset = UNSET,
    to: str | Unset = UNSET,
    subject: str | Unset = UNSET,
    body: str | Unset = UNSET,
    mailbox_id: int | Unset = UNSET,
    thread_id: int | Unset = UNSET,
    since: datetime.datetime | Unset = UNSET,
    before: datetime.datetime | Unset = UNSET,
    flag: list[SearchMessagesFlagItem] | Unset = UNSET,
    not_flag: list[SearchMessagesNotFlagItem] | Unset = UNSET,
    keyword: str | Unset = UNSET,
    has_attachment: bool | Unset = UNSET,
    cursor: str | Unset = UNSET,
    limit: int | Unset = 50,
) -> Response[MessagePage | Problem]:
    """Search messages

    Args:
        q (str | Unset): Words anywhere (subject, addresses, text); `invo*` for a prefix.
        from_ (str | Unset): Words in From/Sender.
        to (str | Unset): Words in To/Cc/Bcc.
        subject (str | Unset): Words in the subject.
        body (str | Unset): Words in the text.
        mailbox_id (int | Unset): Only in this mailbox.
        thread_id (int | Unset): Only in this thread.
        since (datetime.datetime | Unset): Received at or after.
        before (datetime.datetime | Unset): Received before.
        flag (list[SearchMessagesFlagItem] | Unset): Has this flag; repeat for several.
        not_flag (list[SearchMessagesNotFlagItem] | Unset): Lacks this flag (`not_flag=seen`:
            unread).
        keyword (str | Unset): Has this keyword.
        has_attachment (bool | Unset): With (or without) attachments.
        cursor (str | Unset): From `next_cursor` of the previous page.
        limit (int | Unset): Page size. Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[MessagePage | Problem]
    """

    kwargs = _get_kwargs(
        q=q,
        from_=from_,
        to=to,
        subject=subject,
        body=body,
        mailbox_id=mailbox_id,
        thread_id=thread_id,
        since=since,
        before=before,
        flag=flag,
        not_flag=not_flag,
        keyword=keyword,
        has_attachment=has_attachment,
        cursor=cursor,
        limit=limit,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    q: str | Unset = UNSET,
    from_: str | Unset = UNSET,
    to: str | Unset = UNSET,
    subject: str | Unset = UNSET,
    body: str | Unset = UNSET,
    mailbox_id: int | Unset = UNSET,
    thread_id: int | Unset = UNSET,
    since: datetime.datetime | Unset = UNSET,
    before: datetime.datetime | Unset = UNSET,
    flag: list[SearchMessagesFlagItem] | Unset = UNSET,
    not_flag: list[SearchMessagesNotFlagItem] | Unset = UNSET,
    keyword: str | Unset = UNSET,
    has_attachment: bool | Unset = UNSET,
    cursor: str | Unset = UNSET,
    limit: int | Unset = 50,
) -> MessagePage | Problem | None:
    """Search messages

    Args:
        q (str | Unset): Words anywhere (subject, addresses, text); `invo*` for a prefix.
        from_ (str | Unset): Words in From/Sender.
        to (str | Unset): Words in To/Cc/Bcc.
        subject (str | Unset): Words in the subject.
        body (str | Unset): Words in the text.
        mailbox_id (int | Unset): Only in this mailbox.
        thread_id (int | Unset): Only in this thread.
        since (datetime.datetime | Unset): Received at or after.
        before (datetime.datetime | Unset): Received before.
        flag (list[SearchMessagesFlagItem] | Unset): Has this flag; repeat for several.
        not_flag (list[SearchMessagesNotFlagItem] | Unset): Lacks this flag (`not_flag=seen`:
            unread).
        keyword (str | Unset): Has this keyword.
        has_attachment (bool | Unset): With (or without) attachments.
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
            client=client,
            q=q,
            from_=from_,
            to=to,
            subject=subject,
            body=body,
            mailbox_id=mailbox_id,
            thread_id=thread_id,
            since=since,
            before=before,
            flag=flag,
            not_flag=not_flag,
            keyword=keyword,
            has_attachment=has_attachment,
            cursor=cursor,
            limit=limit,
        )
    ).parsed
