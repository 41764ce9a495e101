// The wire protocol both carriers speak: JSON text over the web host's
// WebSocket, structured-clone objects over Electron's MessagePort. One shape,
// so the server and client logic are the same code on both hosts.
import { z } from 'zod';
import { WorkbenchErrorData } from '../contract/errors';

const Id = z.number().int().nonnegative();
const Name = z.string().min(3).max(128);

export const ClientMessage = z.discriminatedUnion('t', [
  z.object({ t: z.literal('call'), id: Id, name: Name, payload: z.unknown() }),
  z.object({ t: z.literal('sub'), id: Id, name: Name, payload: z.unknown() }),
  z.object({ t: z.literal('unsub'), id: Id }),
  /** The consumer of stream `id` has processed `n` more units. */
  z.object({ t: z.literal('ack'), id: Id, n: z.number().nonnegative() }),
  z.object({ t: z.literal('input'), name: Name, payload: z.unknown() }),
]);
export type ClientMessage = z.infer<typeof ClientMessage>;

export type ServerMessage =
  | { t: 'reply'; id: number; ok: true; value: unknown }
  | { t: 'reply'; id: number; ok: false; error: WorkbenchErrorData }
  | { t: 'event'; id: number; event: unknown }
  | { t: 'end'; id: number; error?: WorkbenchErrorData }
  /** An error with no call to answer (bad input message, malformed frame). */
  | { t: 'notice'; error: WorkbenchErrorData };

export const ServerMessage: z.ZodType<ServerMessage> = z.union([
  z.object({ t: z.literal('reply'), id: Id, ok: z.literal(true), value: z.unknown() }),
  z.object({ t: z.literal('reply'), id: Id, ok: z.literal(false), error: WorkbenchErrorData }),
  z.object({ t: z.literal('event'), id: Id, event: z.unknown() }),
  z.object({ t: z.literal('end'), id: Id, error: WorkbenchErrorData.optional() }),
  z.object({ t: z.literal('notice'), error: WorkbenchErrorData }),
]) as z.ZodType<ServerMessage>;

/** Either side of a connection: something that carries messages one way and reports the other. */
export interface Carrier<Out, In> {
  send(message: Out): void;
  /** Returns a function that stops listening. */
  onMessage(listener: (message: In) => void): () => void;
  onClose(listener: () => void): () => void;
}
export type ClientCarrier = Carrier<ClientMessage, ServerMessage>;
/** The server receives `unknown`: nothing from the renderer is trusted before validation. */
export type ServerCarrier = Carrier<ServerMessage, unknown>;
