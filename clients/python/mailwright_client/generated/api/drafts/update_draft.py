from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.draft_out import DraftOut
from ...models.draft_request import DraftRequest
from ...models.problem import Problem
from typing import cast


def _get_kwargs(
    draft_id: int,
    *,
    body: DraftRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/v1/drafts/{draft_id}".format(
            draft_id=quote(str(draft_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> DraftOut | Problem | None:
    if response.status_code == 200:
        response_200 = DraftOut.from_dict(response.json())

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[DraftOut | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    draft_id: int,
    *,
    client: AuthenticatedClient | Client,
    body: DraftRequest,
) -> Response[DraftOut | Problem]:
    """Save a draft again

    Args:
        draft_id (int):
        body (DraftRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DraftOut | Problem]
    """

    kwargs = _get_kwargs(
        draft_id=draft_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    draft_id: int,
    *,
    client: AuthenticatedClient | Client,
    body: DraftRequest,
) -> DraftOut | Problem | None:
    """Save a draft again

    Args:
        draft_id (int):
        body (DraftRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DraftOut | Problem
    """

    return sync_detailed(
        draft_id=draft_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    draft_id: int,
    *,
    client: AuthenticatedClient | Client,
    body: DraftRequest,
) -> Response[DraftOut | Problem]:
    """Save a draft again

    Args:
        draft_id (int):
        body (DraftRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DraftOut | Problem]
    """

    kwargs = _get_kwargs(
        draft_id=draft_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    draft_id: int,
    *,
    client: AuthenticatedClient | Client,
    body: DraftRequest,
) -> DraftOut | Problem | None:
    """Save a draft again

    Args:
        draft_id (int):
        body (DraftRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DraftOut | Problem
    """

    return (
        await asyncio_detailed(
            draft_id=draft_id,
            client=client,
            body=body,
        )
    ).parsed
