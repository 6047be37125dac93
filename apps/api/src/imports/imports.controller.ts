import { Controller, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Roles } from '../auth/roles.js';
import type { CommandRequest } from '../commands/command-context.js';
import { IdempotentByContent } from '../commands/idempotency.interceptor.js';
import { ProblemException } from '../http/problem.js';
import { limitedBody, ndjsonLines } from './import-body.js';
import { ImportService, type DryRunResult, type ImportResult } from './import.service.js';

const NDJSON = /^application\/(x-ndjson|jsonl|x-jsonlines)\b/i;

export const isDryRun = (value: string | undefined): boolean => {
  if (value === undefined || value === 'false') return false;
  if (value === 'true' || value === '') return true;
  throw new ProblemException(400, 'VALIDATION.FAILED', 'Bad request', 'dryRun must be true or false', [{ field: 'dryRun', message: 'must be true or false' }]);
};

/** 201 when the import wrote something, 200 when nothing was new or it was a dry run. */
export function answer(res: Response, result: ImportResult | DryRunResult): ImportResult | DryRunResult {
  res.status('unchanged' in result && result.written > 0 ? 201 : 200);
  return result;
}

/** Historical imports: history entered as history, each fact known at its reported time. */
@ApiTags('imports')
@ApiBearerAuth()
@Controller('api/admin/imports')
@Roles('admin')
export class HistoryImportController {
  constructor(private readonly imports: ImportService) {}

  @Post()
  @HttpCode(200)
  @IdempotentByContent()
  @ApiConsumes('application/x-ndjson')
  @ApiQuery({ name: 'dryRun', required: false, type: Boolean })
  @ApiOperation({ summary: 'Import history: NDJSON lines { path, body, reportedAt, actor }, all or nothing, idempotent' })
  async importHistory(@Req() req: Request & CommandRequest, @Query('dryRun') dryRun: string | undefined, @Res({ passthrough: true }) res: Response) {
    const dry = isDryRun(dryRun);
    if (!NDJSON.test(req.headers['content-type'] ?? ''))
      throw new ProblemException(415, 'BODY.UNSUPPORTED_MEDIA_TYPE', 'Unsupported media type', 'a history import is application/x-ndjson: one JSON object per line');
    const result = await this.imports.run(ndjsonLines(limitedBody(req, req.headers['content-length'])), req.actor!, { dryRun: dry });
    return answer(res, result);
  }
}
