/** TEST DOUBLE helper: the server-side `$all` filters of KurrentDB's read and subscribe calls. */
import type * as StreamsPb from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/streams_pb.js';

export type EventFilter = (record: { streamId: string; metadata: Map<string, string> }) => boolean;

/** An expression matches by regular expression or by any of its prefixes, as the server does. */
export function filterOf(options: StreamsPb.ReadReq.Options.FilterOptions): EventFilter {
  const onType = options.hasEventType();
  const expression = onType ? options.getEventType()! : options.getStreamIdentifier()!;
  const regex = expression.getRegex() ? new RegExp(expression.getRegex()) : undefined;
  const prefixes = expression.getPrefixList();
  const matches = (value: string) => (regex ? regex.test(value) : prefixes.some((p) => value.startsWith(p)));
  return (record) => matches(onType ? (record.metadata.get('type') ?? '') : record.streamId);
}
