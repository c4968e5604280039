import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  type BookShipmentDeps,
  bookShipment,
  isUndeliverableAddressError,
  type Shipment,
  type ShipmentStore,
  UndeliverableAddressError,
} from '../src/core.js'
import type { ShipmentRequest } from '../src/shipment-request.js'

/** The core's deps in memory: a store keyed by order, a carrier that records its calls, a fixed clock. */
function memoryDeps(overrides: Partial<BookShipmentDeps> = {}) {
  const stored = new Map<string, Shipment>()
  const booked: string[] = []
  const shipments: ShipmentStore = {
    find: async (orderId) => stored.get(orderId),
    saveFirst: async (shipment) => {
      const first = stored.get(shipment.orderId) ?? shipment
      stored.set(shipment.orderId, first)
      return first
    },
  }
  const deps: BookShipmentDeps = {
    carrier: {
      book: async (orderId) => {
        booked.push(orderId)
        return `T-${orderId}-${booked.length}`
      },
    },
    shipments,
    nowMs: () => 1_767_225_600_000,
    ...overrides,
  }
  return { deps, stored, booked }
}

const request = (orderId: string, country = 'JP'): ShipmentRequest => ({
  orderId,
  address: { country, postcode: '100-0001' },
})

describe('bookShipment (the logic, without AWS)', () => {
  it('books with the carrier and stores the shipment with its tracking number and time', async () => {
    const { deps, stored, booked } = memoryDeps()

    const shipment = await bookShipment(request('o-9'), deps)

    expect(shipment).toEqual({
      orderId: 'o-9',
      trackingNumber: 'T-o-9-1',
      country: 'JP',
      postcode: '100-0001',
      bookedAtMs: 1_767_225_600_000,
    })
    expect(booked).toEqual(['o-9'])
    expect(stored.get('o-9')).toEqual(shipment)
  })

  it('answers the stored shipment for an order already booked, without calling the carrier', async () => {
    const { deps, booked } = memoryDeps()
    const first = await bookShipment(request('o-9'), deps)

    const again = await bookShipment(request('o-9', 'FR'), deps)

    expect(again).toEqual(first)
    expect(booked).toEqual(['o-9'])
  })

  it('answers the shipment stored first when another message of the order won the race', async () => {
    const winner: Shipment = {
      orderId: 'o-9',
      trackingNumber: 'T-winner',
      country: 'JP',
      postcode: '1',
      bookedAtMs: 1,
    }
    const { deps } = memoryDeps({
      shipments: { find: async () => undefined, saveFirst: async () => winner },
    })

    await expect(bookShipment(request('o-9'), deps)).resolves.toBe(winner)
  })

  it('lets a carrier failure through and stores nothing, so the message is retried', async () => {
    const outage = new Error('carrier timed out')
    const { deps, stored } = memoryDeps({ carrier: { book: () => Promise.reject(outage) } })

    await expect(bookShipment(request('o-9'), deps)).rejects.toBe(outage)
    expect(stored.size).toBe(0)
  })

  it('names the country the carrier refuses in UndeliverableAddressError, recognised by its code', () => {
    const error = new UndeliverableAddressError('AQ')
    expect(error.message).toBe('No carrier delivers to country AQ')
    expect(isUndeliverableAddressError(error)).toBe(true)
    expect(isUndeliverableAddressError(new Error('carrier timed out'))).toBe(false)
    expect(
      isUndeliverableAddressError(Object.assign(new Error('copy'), { code: 'UNDELIVERABLE_ADDRESS' })),
    ).toBe(true)
  })

  it('books every order exactly once, whatever the order and repetition of its messages', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom('o-1', 'o-2', 'o-3', 'o-4'), { maxLength: 20 }),
        async (orderIds) => {
          const { deps, stored, booked } = memoryDeps()
          const answers = []
          for (const orderId of orderIds) answers.push(await bookShipment(request(orderId), deps))

          const distinct = new Set(orderIds)
          expect(booked.sort()).toEqual([...distinct].sort())
          expect(stored.size).toBe(distinct.size)
          // Every message of an order answers the one shipment stored for it.
          for (const answer of answers) expect(answer).toEqual(stored.get(answer.orderId))
        },
      ),
    )
  })
})
