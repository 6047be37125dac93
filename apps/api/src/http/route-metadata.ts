import type { ExecutionContext } from '@nestjs/common';
import type { Reflector } from '@nestjs/core';

/**
 * A route's metadata (the handler's, else its controller's), read once per controller and handler:
 * decorators fix it when the classes are defined, and reading it through the reflector costs two
 * metadata look-ups on every request.
 */
export function routeMetadata<T>(reflector: Reflector, key: string): (context: ExecutionContext) => T | undefined {
  const byController = new WeakMap<object, WeakMap<object, { value: T | undefined }>>();
  return (context) => {
    const controller = context.getClass();
    const handler = context.getHandler();
    let byHandler = byController.get(controller);
    if (!byHandler) byController.set(controller, (byHandler = new WeakMap()));
    let read = byHandler.get(handler);
    if (!read) byHandler.set(handler, (read = { value: reflector.getAllAndOverride<T>(key, [handler, controller]) }));
    return read.value;
  };
}
