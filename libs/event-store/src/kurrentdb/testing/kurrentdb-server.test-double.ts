/**
 * TEST DOUBLE — not a KurrentDB server, never shipped, never selectable as a store.
 *
 * An in-process gRPC server built from the KurrentDB client package's own generated protocol
 * definitions (`@kurrent/kurrentdb-client/generated`, protocol v1), so that the adapter's
 * contract suite runs in CI where no KurrentDB server can. It implements only the calls the
 * adapter makes, with the server's documented semantics:
 * - `Streams.Append`: expected state `any`, `no_stream`, `stream_exists` or a revision; a
 *   repeat of event ids already stored right after the expected revision (anywhere in the
 *   stream for `any`/`stream_exists`) succeeds with `no_position` and writes nothing; a repeat
 *   that only partly matches is a wrong expected version;
 * - `Streams.Read` of a stream (either direction, from a revision, a count, `stream_not_found`)
 *   and of `$all` (from a position, inclusive forwards, exclusive backwards; event-type or
 *   stream regex/prefix filters), and subscriptions to `$all` from a position or the end,
 *   with filters and checkpoints;
 * - `ServerFeatures.GetSupportedMethods`, advertising none of the newer append calls.
 * Each event gets its own log position (commit = prepare = the byte offset of its record).
 * What it cannot show: clustering, leader election and failover, durability, the server's
 * bounded idempotency window for `any` (the double remembers every id), access control, TLS.
 */
import * as grpc from '@grpc/grpc-js';
import { createRequire } from 'node:module';
import type * as StreamsPb from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/streams_pb.js';
import type * as SharedPb from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/shared_pb.js';
import type * as FeaturesPb from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/serverfeatures_pb.js';
import { filterOf, type EventFilter } from './kurrentdb-filter.test-double.js';

const require = createRequire(import.meta.url);
const GENERATED = '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/';
const pb = require(`${GENERATED}streams_pb.js`) as typeof StreamsPb;
const shared = require(`${GENERATED}shared_pb.js`) as typeof SharedPb;
const features = require(`${GENERATED}serverfeatures_pb.js`) as typeof FeaturesPb;
const { StreamsService } = require(`${GENERATED}streams_grpc_pb.js`);
const { ServerFeaturesService } = require(`${GENERATED}serverfeatures_grpc_pb.js`);

interface StoredRecord {
  streamId: string;
  revision: bigint;
  id: string;
  metadata: Map<string, string>;
  customMetadata: Uint8Array;
  data: Uint8Array;
  position: bigint;
}

type Live = (record: StoredRecord) => void;
const RECORD_HEADER_BYTES = 128n;
const TICKS_PER_MS = 10_000n;
const FIRST_CLIENT_POSITION = 4096n;

/** The test double's state: one ordered log, streams as index lists over it. */
export class KurrentDbServerTestDouble {
  private readonly log: StoredRecord[] = [];
  private readonly streams = new Map<string, StoredRecord[]>();
  private readonly live = new Set<Live>();
  private nextPosition: bigint;
  private server?: grpc.Server;

  /**
   * A real log starts with the server's own records (the epoch record at 0), so no event of a
   * client sits at position 0; `firstPosition` also lets a test place the log beyond 2^53.
   */
  constructor(firstPosition = FIRST_CLIENT_POSITION) {
    this.nextPosition = firstPosition;
  }

  /** Listens on a loopback port; answers a connection string for the client. */
  async start(): Promise<string> {
    const server = new grpc.Server();
    server.addService(StreamsService, { read: (call: grpc.ServerWritableStream<StreamsPb.ReadReq, StreamsPb.ReadResp>) => this.read(call), append: this.append });
    server.addService(ServerFeaturesService, { getSupportedMethods: (_call: unknown, done: grpc.sendUnaryData<FeaturesPb.SupportedMethods>) => done(null, this.supportedMethods()) });
    const port = await new Promise<number>((resolve, reject) =>
      server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))),
    );
    this.server = server;
    return `kurrentdb://127.0.0.1:${port}?tls=false`;
  }

  async stop(): Promise<void> {
    this.live.clear();
    this.server?.forceShutdown();
  }

  private supportedMethods(): FeaturesPb.SupportedMethods {
    const methods = ['read', 'append'].map((name) => new features.SupportedMethod().setServiceName('event_store.client.streams.streams').setMethodName(name));
    return new features.SupportedMethods().setMethodsList(methods).setEventStoreServerVersion('0.0.0-test-double');
  }

  private readonly append = (call: grpc.ServerReadableStream<StreamsPb.AppendReq, StreamsPb.AppendResp>, done: grpc.sendUnaryData<StreamsPb.AppendResp>) => {
    let options: StreamsPb.AppendReq.Options | undefined;
    const proposed: StreamsPb.AppendReq.ProposedMessage[] = [];
    call.on('data', (req: StreamsPb.AppendReq) => (req.hasOptions() ? (options = req.getOptions()) : proposed.push(req.getProposedMessage()!)));
    call.on('error', () => undefined);
    call.on('end', () => {
      try {
        done(null, this.commit(options!, proposed));
      } catch (err) {
        done({ code: grpc.status.INVALID_ARGUMENT, details: (err as Error).message });
      }
    });
  };

  private commit(options: StreamsPb.AppendReq.Options, proposed: StreamsPb.AppendReq.ProposedMessage[]): StreamsPb.AppendResp {
    const streamId = Buffer.from(options.getStreamIdentifier()!.getStreamName_asU8()).toString('utf8');
    const stream = this.streams.get(streamId) ?? [];
    const current = stream.length === 0 ? undefined : BigInt(stream.length - 1);
    const ids = proposed.map((m) => m.getId()!.getString().toLowerCase());
    const exact = options.hasRevision() ? BigInt(options.getRevision()) : options.hasNoStream() ? -1n : undefined;
    const repeat = this.repeatOf(stream, ids, exact);
    if (repeat === 'partial') return this.wrongExpectedVersion(options, current);
    if (repeat !== undefined) return success(repeat, undefined);
    const ok = exact !== undefined ? (current ?? -1n) === exact : options.hasStreamExists() ? current !== undefined : true;
    if (!ok) return this.wrongExpectedVersion(options, current);
    const records = proposed.map((m, i) => this.store(streamId, stream, m, ids[i]));
    this.streams.set(streamId, stream);
    for (const record of records) for (const listener of this.live) listener(record);
    return success(records.at(-1)!.revision, records.at(-1)!.position);
  }

  /** Ids already stored: where an exact revision says they would be, else anywhere in the stream. */
  private repeatOf(stream: StoredRecord[], ids: string[], exact: bigint | undefined): bigint | 'partial' | undefined {
    const start = exact !== undefined ? Number(exact + 1n) : stream.findIndex((r) => r.id === ids[0]);
    if (start < 0 || start >= stream.length) return stream.some((r) => ids.includes(r.id)) && exact === undefined ? 'partial' : undefined;
    const matches = ids.filter((id, i) => stream[start + i]?.id === id).length;
    if (matches === ids.length) return BigInt(start + ids.length - 1);
    return matches > 0 || stream.some((r) => ids.includes(r.id)) ? 'partial' : undefined;
  }

  private store(streamId: string, stream: StoredRecord[], message: StreamsPb.AppendReq.ProposedMessage, id: string): StoredRecord {
    const metadata = new Map(message.getMetadataMap().toArray() as [string, string][]);
    metadata.set('created', String(BigInt(Date.now()) * TICKS_PER_MS));
    const data = message.getData_asU8();
    const customMetadata = message.getCustomMetadata_asU8();
    const record: StoredRecord = { streamId, revision: BigInt(stream.length), id, metadata, data, customMetadata, position: this.nextPosition };
    this.nextPosition += RECORD_HEADER_BYTES + BigInt(data.length + customMetadata.length + streamId.length);
    stream.push(record);
    this.log.push(record);
    return record;
  }

  private wrongExpectedVersion(options: StreamsPb.AppendReq.Options, current: bigint | undefined): StreamsPb.AppendResp {
    const wrong = new pb.AppendResp.WrongExpectedVersion();
    if (current === undefined) wrong.setCurrentNoStream(new shared.Empty());
    else wrong.setCurrentRevision(String(current));
    if (options.hasRevision()) wrong.setExpectedRevision(options.getRevision());
    else if (options.hasNoStream()) wrong.setExpectedNoStream(new shared.Empty());
    else if (options.hasStreamExists()) wrong.setExpectedStreamExists(new shared.Empty());
    else wrong.setExpectedAny(new shared.Empty());
    return new pb.AppendResp().setWrongExpectedVersion(wrong);
  }

  private read(call: grpc.ServerWritableStream<StreamsPb.ReadReq, StreamsPb.ReadResp>): void {
    const options = call.request.getOptions()!;
    const backwards = options.getReadDirection() === pb.ReadReq.Options.ReadDirection.BACKWARDS;
    const count = options.hasCount() ? Number(options.getCount()) : Number.MAX_SAFE_INTEGER;
    if (options.hasStream()) return this.readStream(call, options.getStream()!, backwards, count);
    const filter = options.hasFilter() ? filterOf(options.getFilter()!) : undefined;
    const all = options.getAll()!;
    if (options.hasSubscription()) return this.subscribe(call, all, filter);
    const from = all.hasPosition() ? BigInt(all.getPosition()!.getCommitPosition()) : undefined;
    const inRange = (r: StoredRecord) => from === undefined || (backwards ? r.position < from : r.position >= from);
    const ordered = backwards ? [...this.log].reverse() : this.log;
    const startsAtEnd = all.hasEnd() && !backwards;
    const found = startsAtEnd ? [] : ordered.filter((r) => inRange(r) && (!filter || filter(r)));
    for (const record of found.slice(0, count)) call.write(eventResp(record));
    call.end();
  }

  private readStream(call: grpc.ServerWritableStream<StreamsPb.ReadReq, StreamsPb.ReadResp>, options: StreamsPb.ReadReq.Options.StreamOptions, backwards: boolean, count: number): void {
    const streamId = Buffer.from(options.getStreamIdentifier()!.getStreamName_asU8()).toString('utf8');
    const stream = this.streams.get(streamId);
    if (!stream) {
      call.write(new pb.ReadResp().setStreamNotFound(new pb.ReadResp.StreamNotFound().setStreamIdentifier(options.getStreamIdentifier())));
      return void call.end();
    }
    const from = options.hasRevision() ? Number(options.getRevision()) : backwards ? stream.length - 1 : 0;
    const slice = backwards ? stream.slice(0, from + 1).reverse() : stream.slice(from);
    for (const record of slice.slice(0, count)) call.write(eventResp(record));
    call.end();
  }

  /** Catch-up from a position (exclusive) or the end, then live; a checkpoint whenever it catches up. */
  private subscribe(call: grpc.ServerWritableStream<StreamsPb.ReadReq, StreamsPb.ReadResp>, all: StreamsPb.ReadReq.Options.AllOptions, filter: EventFilter | undefined): void {
    call.write(new pb.ReadResp().setConfirmation(new pb.ReadResp.SubscriptionConfirmation().setSubscriptionId(`double-${Date.now()}`)));
    const after = all.hasPosition() ? BigInt(all.getPosition()!.getCommitPosition()) : all.hasEnd() ? this.nextPosition - 1n : -1n;
    const deliver = (record: StoredRecord) => {
      if (!filter || filter(record)) call.write(eventResp(record));
    };
    for (const record of this.log) if (record.position > after) deliver(record);
    const last = this.log.at(-1);
    if (filter && last && last.position > after) call.write(checkpointResp(last.position));
    const listener: Live = (record) => {
      deliver(record);
      if (filter) call.write(checkpointResp(record.position));
    };
    this.live.add(listener);
    const end = () => this.live.delete(listener);
    call.on('cancelled', end);
    call.on('close', end);
    call.on('error', end);
  }
}

function success(revision: bigint, position: bigint | undefined): StreamsPb.AppendResp {
  const ok = new pb.AppendResp.Success().setCurrentRevision(String(revision));
  if (position === undefined) ok.setNoPosition(new shared.Empty());
  else ok.setPosition(new pb.AppendResp.Position().setCommitPosition(String(position)).setPreparePosition(String(position)));
  return new pb.AppendResp().setSuccess(ok);
}

function eventResp(record: StoredRecord): StreamsPb.ReadResp {
  const event = new pb.ReadResp.ReadEvent.RecordedEvent()
    .setId(new shared.UUID().setString(record.id))
    .setStreamIdentifier(new shared.StreamIdentifier().setStreamName(Buffer.from(record.streamId, 'utf8')))
    .setStreamRevision(String(record.revision))
    .setCommitPosition(String(record.position))
    .setPreparePosition(String(record.position))
    .setData(record.data)
    .setCustomMetadata(record.customMetadata);
  for (const [key, value] of record.metadata) event.getMetadataMap().set(key, value);
  return new pb.ReadResp().setEvent(new pb.ReadResp.ReadEvent().setEvent(event).setCommitPosition(String(record.position)));
}

function checkpointResp(position: bigint): StreamsPb.ReadResp {
  return new pb.ReadResp().setCheckpoint(new pb.ReadResp.Checkpoint().setCommitPosition(String(position)).setPreparePosition(String(position)));
}

export type { StoredRecord };
