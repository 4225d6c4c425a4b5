"""Any OpenAI-compatible chat API (OpenAI, Azure OpenAI, Ollama, vLLM, llama.cpp) via ``openai``."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import openai

from apps.assistant.providers.base import (
    Message,
    ProviderError,
    TextDelta,
    ToolCall,
    ToolCallsRequested,
    ToolSpec,
    TurnEvent,
    TurnFinished,
)
from maigie.openai_client import OpenAISettings, openai_client


def _wire_message(message: Message) -> dict[str, Any]:
    wire: dict[str, Any] = {"role": message.role, "content": message.content}
    if message.tool_calls:
        wire["tool_calls"] = [
            {
                "id": call.id,
                "type": "function",
                "function": {"name": call.name, "arguments": json.dumps(call.arguments)},
            }
            for call in message.tool_calls
        ]
    if message.tool_call_id:
        wire["tool_call_id"] = message.tool_call_id
    return wire


def _wire_tool(tool: ToolSpec) -> dict[str, Any]:
    return {
        "type": "function",
        "function": {"name": tool.name, "description": tool.description, "parameters": tool.parameters},
    }


class _ToolCallAssembler:
    """Joins the fragments of streamed tool calls (by index) into whole calls."""

    def __init__(self) -> None:
        self._parts: dict[int, dict[str, str]] = {}

    def add(self, fragment: Any) -> None:
        part = self._parts.setdefault(fragment.index, {"id": "", "name": "", "arguments": ""})
        if fragment.id:
            part["id"] = fragment.id
        if fragment.function is not None:
            part["name"] += fragment.function.name or ""
            part["arguments"] += fragment.function.arguments or ""

    def calls(self) -> tuple[ToolCall, ...]:
        result = []
        for index in sorted(self._parts):
            part = self._parts[index]
            try:
                arguments = json.loads(part["arguments"] or "{}")
            except json.JSONDecodeError as exc:
                raise ProviderError(f"the model sent invalid JSON arguments for {part['name']!r}") from exc
            if not isinstance(arguments, dict):
                raise ProviderError(f"the model sent non-object arguments for {part['name']!r}")
            result.append(ToolCall(id=part["id"] or f"call_{index}", name=part["name"], arguments=arguments))
        return tuple(result)


class OpenAICompatibleProvider:
    """Streams chat completions with native function calling; retries 429/5xx with backoff."""

    name = "openai"

    def __init__(self, config: OpenAISettings) -> None:
        self.model = config.model
        self.client = openai_client(config)

    def stream_turn(self, *, messages: list[Message], tools: list[ToolSpec]) -> Iterator[TurnEvent]:
        """One streamed completion: text deltas, then the requested tool calls, then usage."""
        request: dict[str, Any] = {
            "model": self.model,
            "messages": [_wire_message(message) for message in messages],
            "stream": True,
            "stream_options": {"include_usage": True},
        }
        if tools:
            request["tools"] = [_wire_tool(tool) for tool in tools]
        assembler = _ToolCallAssembler()
        prompt_tokens = completion_tokens = 0
        try:
            for chunk in self.client.chat.completions.create(**request):
                if chunk.usage is not None:
                    prompt_tokens, completion_tokens = chunk.usage.prompt_tokens, chunk.usage.completion_tokens
                for choice in chunk.choices:
                    if choice.delta.content:
                        yield TextDelta(choice.delta.content)
                    for fragment in choice.delta.tool_calls or ():
                        assembler.add(fragment)
        except openai.OpenAIError as exc:
            raise ProviderError(f"{exc.__class__.__name__}: {exc}") from exc
        calls = assembler.calls()
        if calls:
            yield ToolCallsRequested(calls)
        yield TurnFinished(prompt_tokens=prompt_tokens, completion_tokens=completion_tokens, model=self.model)
