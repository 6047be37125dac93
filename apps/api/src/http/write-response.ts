import { ApiProperty } from '@nestjs/swagger';
import type { Response } from 'express';
import type { WriteResult } from '../commands/command-runner.js';

/** The answer to every write: 201 when it recorded something, 200 when it repeated a done thing. */
export class WriteResponse {
  @ApiProperty({ example: 'indicator-da-risk-assessment' }) streamId: string;
  @ApiProperty({ description: 'stream revision after the write; also the ETag', example: 3, nullable: true }) revision: number | null;
  @ApiProperty({ description: 'global log position of the last event (a decimal string: positions exceed 2^53)', example: '7654321', nullable: true })
  position: string | null;
  @ApiProperty({ description: 'false when the command repeated something already recorded and wrote nothing' }) changed: boolean;
}

export function writeResponse<T extends object>(res: Response, result: WriteResult, extra?: T): WriteResponse & T {
  res.status(result.changed ? 201 : 200);
  if (result.revision !== undefined) res.setHeader('ETag', `"${result.revision}"`);
  return {
    streamId: result.streamId,
    revision: result.revision === undefined ? null : Number(result.revision),
    position: result.position === undefined ? null : result.position.toString(),
    changed: result.changed,
    ...(extra ?? ({} as T)),
  };
}
