"""A tiny asyncio demo against the generated `todo` bindings: several async Rust calls run
concurrently on one event loop while a plain blocking call runs in between."""

import asyncio
import time

import todo


async def main() -> None:
    started = time.perf_counter()
    greetings = await asyncio.gather(
        todo.fetch_greeting("Ada", 200),
        todo.fetch_greeting("Grace", 200),
        todo.fetch_greeting("Linus", 200),
    )
    elapsed = time.perf_counter() - started
    for g in greetings:
        print(g)
    print(f"3 async Rust calls of 200 ms each finished together in {elapsed * 1000:.0f} ms")
    print("words:", todo.count_words("async Rust feels native here"))


asyncio.run(main())
