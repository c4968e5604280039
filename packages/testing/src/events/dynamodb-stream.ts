import { randomUUID } from 'node:crypto'
import type { AttributeValue, DynamoDBRecord, DynamoDBStreamEvent, StreamRecord } from 'aws-lambda'
import { defaultAccountId, defaultRegion } from '../aws-values/aws-defaults.js'
import { increasingDigits } from '../aws-values/increasing-digits.js'
import { randomHex } from '../aws-values/random-ids.js'
import { deepMerge } from '../deep-merge/deep-merge.js'
import type { DeepPartial } from '../deep-merge/deep-partial.js'
import { marshall } from '../marshall/marshall.js'

/**
 * A DynamoDB stream record's overrides, plus plain-JavaScript shorthands that are marshalled to
 * AttributeValue maps: `newItem` (`dynamodb.NewImage`), `oldItem` (`dynamodb.OldImage`) and `keys`
 * (`dynamodb.Keys`).
 */
export type DynamoDBStreamRecordOverrides = DeepPartial<DynamoDBRecord> & {
  newItem?: Record<string, unknown> | undefined
  oldItem?: Record<string, unknown> | undefined
  keys?: Record<string, unknown> | undefined
}

type Image = Record<string, AttributeValue>
type EventName = NonNullable<DynamoDBRecord['eventName']>
type StreamViewType = NonNullable<StreamRecord['StreamViewType']>

// DynamoDB Streams sequence numbers are long digit strings that grow within a shard.
const nextSequenceNumber = increasingDigits({ length: 25, prefix: '1' })
const defaultStreamArn = `arn:aws:dynamodb:${defaultRegion}:${defaultAccountId}:table/my-table/stream/2024-01-01T00:00:00.000`

/** A DynamoDB Streams event with one record per override (one default record when called without any). */
export function dynamodbStream(records: DynamoDBStreamRecordOverrides[] = [{}]): DynamoDBStreamEvent {
  return { Records: records.map((overrides) => dynamodbStreamRecord(overrides)) }
}

/**
 * One DynamoDB Streams record, `NEW_AND_OLD_IMAGES` view, whose event name and images agree:
 *
 * - `eventName` defaults from the images you give: both → `MODIFY`, only the old one → `REMOVE`, else
 *   `INSERT`; an `INSERT` with an old image or a `REMOVE` with a new image throws.
 * - Images the event name calls for and the view type includes, but you did not give, are made up from the
 *   keys. Images replace the defaults whole (an attribute map is an item, not a set of overrides).
 * - `Keys` default to the `id` of the image you gave, or a fresh `{ id: <uuid> }`: give `keys` when your
 *   table's key is not `id`.
 * - The sequence number is greater than every earlier one; `SizeBytes` is measured from the final images.
 */
export function dynamodbStreamRecord(overrides: DynamoDBStreamRecordOverrides = {}): DynamoDBRecord {
  const { newItem, oldItem, keys, ...recordOverrides } = overrides
  const { NewImage, OldImage, Keys, ...streamOverrides } = recordOverrides.dynamodb ?? {}
  const givenNewImage = resolveImage('newItem', newItem, 'dynamodb.NewImage', NewImage)
  const givenOldImage = resolveImage('oldItem', oldItem, 'dynamodb.OldImage', OldImage)
  const givenKeys = resolveImage('keys', keys, 'dynamodb.Keys', Keys)

  const eventName = recordOverrides.eventName ?? inferEventName(givenNewImage, givenOldImage)
  const viewType: StreamViewType = streamOverrides.StreamViewType ?? 'NEW_AND_OLD_IMAGES'
  checkImagesFit(eventName, viewType, givenNewImage, givenOldImage)

  const keyAttributes = givenKeys ?? idKeyOf(givenNewImage ?? givenOldImage) ?? { id: { S: randomUUID() } }
  const newImage =
    givenNewImage ??
    (eventName !== 'REMOVE' && includesNewImage(viewType)
      ? {
          ...keyAttributes,
          message: { S: eventName === 'MODIFY' ? 'Hello again from DynamoDB' : 'Hello from DynamoDB' },
        }
      : undefined)
  const oldImage =
    givenOldImage ??
    (eventName !== 'INSERT' && includesOldImage(viewType)
      ? { ...keyAttributes, message: { S: 'Hello from DynamoDB' } }
      : undefined)
  const images = {
    Keys: keyAttributes,
    ...(newImage && { NewImage: newImage }),
    ...(oldImage && { OldImage: oldImage }),
  }

  const defaults: DynamoDBRecord = {
    eventID: randomHex(32),
    eventName,
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: defaultRegion,
    dynamodb: {
      ApproximateCreationDateTime: Math.floor(Date.now() / 1000),
      ...images,
      SequenceNumber: nextSequenceNumber(),
      SizeBytes: Buffer.byteLength(JSON.stringify(images)),
      StreamViewType: viewType,
    },
    eventSourceARN: defaultStreamArn,
  }
  return deepMerge(defaults, { ...recordOverrides, dynamodb: streamOverrides })
}

function resolveImage(
  shorthandName: string,
  shorthand: Record<string, unknown> | undefined,
  rawName: string,
  raw: DeepPartial<Image> | undefined,
): Image | undefined {
  if (shorthand !== undefined && raw !== undefined) {
    throw new Error(`Give a DynamoDB stream record either \`${shorthandName}\` or \`${rawName}\`, not both.`)
  }
  // An AttributeValue map given whole is the image as the caller wants it; there is nothing to fill in.
  return shorthand === undefined ? (raw as Image | undefined) : marshall(shorthand)
}

function inferEventName(newImage: Image | undefined, oldImage: Image | undefined): EventName {
  if (newImage && oldImage) return 'MODIFY'
  return oldImage ? 'REMOVE' : 'INSERT'
}

function checkImagesFit(
  eventName: EventName,
  viewType: StreamViewType,
  newImage: Image | undefined,
  oldImage: Image | undefined,
): void {
  if (eventName === 'INSERT' && oldImage)
    throw new Error('An INSERT stream record has no old image: nothing was there before.')
  if (eventName === 'REMOVE' && newImage)
    throw new Error('A REMOVE stream record has no new image: nothing is there after.')
  if (newImage && !includesNewImage(viewType))
    throw new Error(`A ${viewType} stream record carries no new image.`)
  if (oldImage && !includesOldImage(viewType))
    throw new Error(`A ${viewType} stream record carries no old image.`)
}

function includesNewImage(viewType: StreamViewType): boolean {
  return viewType === 'NEW_IMAGE' || viewType === 'NEW_AND_OLD_IMAGES'
}

function includesOldImage(viewType: StreamViewType): boolean {
  return viewType === 'OLD_IMAGE' || viewType === 'NEW_AND_OLD_IMAGES'
}

function idKeyOf(image: Image | undefined): Image | undefined {
  const id = image?.id
  return id === undefined ? undefined : { id }
}
