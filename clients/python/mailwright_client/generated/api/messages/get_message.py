from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.get_message_remote import GetMessageRemote
from ...models.message_detail import MessageDetail
from ...models.problem import Problem
from ...types import UNSET, Unset
from typing import cast


def _get_kwargs(
    message_id: int,
    *,
    remote: GetMessageRemote | Unset = GetMessageRemote.ALLOWED,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_remote: str | Unset = UNSET
    if not isinstance(remote, Unset):
        json_remote = remote.value

    params["remote"] = json_remote

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/messages/{message_id}".format(
            message_id=quote(str(message_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> MessageDetail | Problem | None:
    if response.status_code == 200:
        response_200 = MessageDetail.from_dict(response.json())

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
) -> Response[MessageDetail | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    message_id: int,
    *,
    client: AuthenticatedClient | Client,
    remote: GetMessageRemote | Unset = GetMessageRemote.ALLOWED,
) -> Response[MessageDetail | Problem]:
    """Read a message

    Args:
        message_id (int):
        remote (GetMessageRemote | Unset): `blocked`: the HTML loads nothing by itself (remote
            images lose their `src`); `remote_resources` lists what it would load either way. Default:
            GetMessageRemote.ALLOWED.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[MessageDetail | Problem]
    """

    kwargs = _get_kwargs(
        message_id=message_id,
        remote=remote,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    message_id: int,
    *,
    client: AuthenticatedClient | Client,
    remote: GetMessageRemote | Unset = GetMessageRemote.ALLOWED,
) -> MessageDetail | Problem | None:
    """Read a message

    Args:
        message_id (int):
        remote (GetMessageRemote | Unset): `blocked`: the HTML loads nothing by itself (remote
            images lose their `src`); `remote_resources` lists what it would load either way. Default:
            GetMessageRemote.ALLOWED.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        MessageDetail | Problem
    """

    return sync_detailed(
        message_id=message_id,
        client=client,
        remote=remote,
    ).parsed


async def asyncio_detailed(
    message_id: int,
    *,
    client: AuthenticatedClient | Client,
    remote: GetMessageRemote | Unset = GetMessageRemote.ALLOWED,
) -> Response[MessageDetail | Problem]:
    """Read a message

    Args:
        message_id (int):
        remote (GetMessageRemote | Unset): `blocked`: the HTML loads nothing by itself (remote
            images lose their `src`); `remote_resources` lists what it would load either way. Default:
            GetMessageRemote.ALLOWED.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[MessageDetail | Problem]
    """

    kwargs = _get_kwargs(
        message_id=message_id,
        remote=remote,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    message_id: int,
    *,
    client: AuthenticatedClient | Client,
    remote: GetMessageRemote | Unset = GetMessageRemote.ALLOWED,
) -> MessageDetail | Problem | None:
    """Read a message

    Args:
        message_id (int):
        remote (GetMessageRemote | Unset): `blocked`: the HTML loads nothing by itself (remote
            images lose their `src`); `remote_resources` lists what it would load either way. Default:
            GetMessageRemote.ALLOWED.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        MessageDetail | Problem
    """

    return (
        await asyncio_detailed(
            message_id=message_id,
            client=client,
            remote=remote,
        )
    ).parsed
