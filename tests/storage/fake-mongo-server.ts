import net from 'node:net';
import { BSON, type Document } from 'mongodb';

/**
 * NOT a MongoDB. A few dozen lines of the wire protocol that answer the driver's handshake, `ping` and
 * `createIndexes`, and whatever a test scripts with `answer` (everything else is refused), so that on
 * machines without a mongod one can test the store's behaviour while MongoDB is away and when it comes
 * back (reconnection, readiness, background index creation), and which commands it sends. Storage
 * semantics are tested against a real server only (mongo-storage.test.ts).
 */
const OP_REPLY = 1;
const OP_QUERY = 2004;
const OP_MSG = 2013;

export class FakeMongoServer {
  /** Every command received, in order (name and body). */
  readonly commands: Document[] = [];
  /** Scripted answers by command name (lower case), for commands beyond the handshake. */
  readonly answers = new Map<string, (command: Document) => Document>();
  private readonly sockets = new Set<net.Socket>();
  private requestId = 0;

  private constructor(
    private readonly server: net.Server,
    readonly port: number,
  ) {}

  static async start(port = 0): Promise<FakeMongoServer> {
    const server = net.createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    const fake = new FakeMongoServer(server, (server.address() as net.AddressInfo).port);
    server.on('connection', (socket) => fake.serve(socket));
    return fake;
  }

  /** Stops listening and drops every connection, like a server that went away. */
  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  names(): string[] {
    return this.commands.map((c) => Object.keys(c)[0] ?? '');
  }

  private serve(socket: net.Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => undefined);
    let buffer = Buffer.alloc(0);
    socket.on('data', (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      while (buffer.length >= 16 && buffer.length >= buffer.readInt32LE(0)) {
        const message = buffer.subarray(0, buffer.readInt32LE(0));
        buffer = buffer.subarray(message.length);
        const reply = this.handle(message);
        if (reply) socket.write(reply);
      }
    });
  }

  private handle(message: Buffer): Buffer | undefined {
    const requestId = message.readInt32LE(4);
    const opCode = message.readInt32LE(12);
    if (opCode === OP_QUERY) {
      // flags, cstring collection name, numberToSkip, numberToReturn, query document
      const nameEnd = message.indexOf(0, 20);
      const command = BSON.deserialize(message.subarray(nameEnd + 9));
      return this.opReply(requestId, this.answer(command));
    }
    if (opCode === OP_MSG) {
      const flags = message.readUInt32LE(16);
      const end = flags & 1 ? message.length - 4 : message.length; // checksum
      // Section kind 0 (the command body) comes first in what the driver sends; kind 1 sections carry
      // document sequences (e.g. the documents of an insert), added to the command under their name.
      if (message.readUInt8(20) !== 0) return undefined;
      const command = BSON.deserialize(message.subarray(21, 21 + message.readInt32LE(21)));
      for (let at = 21 + message.readInt32LE(21); at < end;) {
        if (message.readUInt8(at) !== 1) break;
        const size = message.readInt32LE(at + 1);
        const nameEnd = message.indexOf(0, at + 5);
        const docs: Document[] = [];
        for (let d = nameEnd + 1; d < at + 1 + size; d += message.readInt32LE(d)) {
          docs.push(BSON.deserialize(message.subarray(d, d + message.readInt32LE(d))));
        }
        command[message.toString('utf8', at + 5, nameEnd)] = docs;
        at += 1 + size;
      }
      const answer = this.answer(command);
      return flags & 2 ? undefined : this.opMsg(requestId, answer); // moreToCome: no reply
    }
    return undefined;
  }

  private answer(command: Document): Document {
    this.commands.push(command);
    const name = (Object.keys(command)[0] ?? '').toLowerCase();
    if (name === 'hello' || name === 'ismaster') {
      return {
        helloOk: true,
        ismaster: true,
        isWritablePrimary: true,
        maxBsonObjectSize: 16 * 1024 * 1024,
        maxMessageSizeBytes: 48_000_000,
        maxWriteBatchSize: 100_000,
        localTime: new Date(),
        logicalSessionTimeoutMinutes: 30,
        connectionId: ++this.requestId,
        minWireVersion: 0,
        maxWireVersion: 21,
        readOnly: false,
        ok: 1,
      };
    }
    const scripted = this.answers.get(name);
    if (scripted) return scripted(command);
    if (name === 'ping' || name === 'endsessions') return { ok: 1 };
    if (name === 'createindexes') return { numIndexesBefore: 1, numIndexesAfter: 2, ok: 1 };
    return { ok: 0, errmsg: `fake server: ${name} is not supported`, code: 59, codeName: 'CommandNotFound' };
  }

  private header(length: number, responseTo: number, opCode: number): Buffer {
    const header = Buffer.alloc(16);
    header.writeInt32LE(length, 0);
    header.writeInt32LE(++this.requestId, 4);
    header.writeInt32LE(responseTo, 8);
    header.writeInt32LE(opCode, 12);
    return header;
  }

  private opReply(responseTo: number, doc: Document): Buffer {
    const body = Buffer.from(BSON.serialize(doc));
    const fields = Buffer.alloc(20); // responseFlags, cursorID (8), startingFrom, numberReturned
    fields.writeInt32LE(1, 16);
    return Buffer.concat([this.header(16 + 20 + body.length, responseTo, OP_REPLY), fields, body]);
  }

  private opMsg(responseTo: number, doc: Document): Buffer {
    const body = Buffer.from(BSON.serialize(doc));
    const flagsAndKind = Buffer.from([0, 0, 0, 0, 0]); // flagBits 0, section kind 0
    return Buffer.concat([this.header(16 + 5 + body.length, responseTo, OP_MSG), flagsAndKind, body]);
  }
}
