"""Webhook delivery: event payloads, Standard Webhooks signing, a durable retrying queue.

Empty until the webhooks issue: the layer exists so that the direction of
dependencies (mailwright -> api -> webhooks -> mta) is fixed from the start.
"""
