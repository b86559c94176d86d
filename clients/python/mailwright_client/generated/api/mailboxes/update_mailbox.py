from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.mailbox_out import MailboxOut
from ...models.mailbox_update import MailboxUpdate
from ...models.problem import Problem
from typing import cast


def _get_kwargs(
    mailbox_id: int,
    *,
    body: MailboxUpdate,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/v1/mailboxes/{mailbox_id}".format(
            mailbox_id=quote(str(mailbox_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> MailboxOut | Problem | None:
    if response.status_code == 200:
        response_200 = MailboxOut.from_dict(response.json())

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

    if response.status_code == 409:
        response_409 = Problem.from_dict(response.json())

        return response_409

    if response.status_code == 415:
        response_415 = Problem.from_dict(response.json())

        return response_415

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = Problem.from_dict(response.json())

        return response_429

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[MailboxOut | Problem]:
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
    body: MailboxUpdate,
) -> Response[MailboxOut | Problem]:
    """Rename or (un)subscribe

    Args:
        mailbox_id (int):
        body (MailboxUpdate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[MailboxOut | Problem]
    """

    kwargs = _get_kwargs(
        mailbox_id=mailbox_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    mailbox_id: int,
    *,
    client: AuthenticatedClient | Client,
    body: MailboxUpdate,
) -> MailboxOut | Problem | None:
    """Rename or (un)subscribe

    Args:
        mailbox_id (int):
        body (MailboxUpdate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        MailboxOut | Problem
    """

    return sync_detailed(
        mailbox_id=mailbox_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    mailbox_id: int,
    *,
    client: AuthenticatedClient | Client,
    body: MailboxUpdate,
) -> Response[MailboxOut | Problem]:
    """Rename or (un)subscribe

    Args:
        mailbox_id (int):
        body (MailboxUpdate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[MailboxOut | Problem]
    """

    kwargs = _get_kwargs(
        mailbox_id=mailbox_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    mailbox_id: int,
    *,
    client: AuthenticatedClient | Client,
    body: MailboxUpdate,
) -> MailboxOut | Problem | None:
    """Rename or (un)subscribe

    Args:
        mailbox_id (int):
        body (MailboxUpdate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        MailboxOut | Problem
    """

    return (
        await asyncio_detailed(
            mailbox_id=mailbox_id,
            client=client,
            body=body,
        )
    ).parsed
