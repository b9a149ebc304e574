"""The streams example in Python: a Rust stream consumed with `async for`."""

import asyncio

import prices


async def main() -> None:
    async for quote in prices.quotes("ACME", 5, 20):
        print(f"{quote.symbol} {quote.cents / 100:.2f}")
    print("stream ended")


asyncio.run(main())
