/**
 * Shared queues (proxy_register/resolve/enqueue/dequeue_shared_queue) like cpp-host's SharedQueue: a queue is
 * named by (vm id, name), its token is stable across re-registration, and every enqueue notifies the root context
 * that registered it last (proxy_on_queue_ready), asynchronously.
 */

import { Status } from "./abi.js";

export interface QueueOwner {
  /** Posts proxy_on_queue_ready(rootContextId, token) to the owner's dispatcher. */
  notify(rootContextId: number, token: number): void;
}

interface Queue {
  readonly items: Uint8Array[];
  rootContextId: number;
  owner: QueueOwner;
}

export class SharedQueues {
  private readonly tokens = new Map<string, number>();
  private readonly queues = new Map<number, Queue>();
  private nextToken = 1;

  register(vmId: string, name: string, rootContextId: number, owner: QueueOwner): number {
    const key = queueKey(vmId, name);
    let token = this.tokens.get(key);
    if (token === undefined) {
      token = this.nextToken++;
      this.tokens.set(key, token);
      this.queues.set(token, { items: [], rootContextId, owner });
    } else {
      // Re-registration moves notifications to the new root context and keeps the pending items.
      const queue = this.queues.get(token)!;
      queue.rootContextId = rootContextId;
      queue.owner = owner;
    }
    return token;
  }

  /** 0 when no such queue exists. */
  resolve(vmId: string, name: string): number {
    return this.tokens.get(queueKey(vmId, name)) ?? 0;
  }

  enqueue(token: number, value: Uint8Array): number {
    const queue = this.queues.get(token);
    if (queue === undefined) return Status.NotFound;
    queue.items.push(value);
    queue.owner.notify(queue.rootContextId, token);
    return Status.Ok;
  }

  dequeue(token: number): Uint8Array | number {
    const queue = this.queues.get(token);
    if (queue === undefined) return Status.NotFound;
    const item = queue.items.shift();
    return item === undefined ? Status.Empty : item;
  }
}

function queueKey(vmId: string, name: string): string {
  return `${vmId}\u0000${name}`;
}
