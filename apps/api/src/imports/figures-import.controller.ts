import { Controller, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Roles, WRITERS } from '../auth/roles.js';
import type { CommandRequest } from '../commands/command-context.js';
import { IdempotentByContent } from '../commands/idempotency.interceptor.js';
import { ProblemException } from '../http/problem.js';
import { csvFigureLines } from './csv-figures.js';
import { limitedBody } from './import-body.js';
import { answer, isDryRun } from './imports.controller.js';
import { ImportService } from './import.service.js';

const CSV = /^(text\/csv|application\/csv)\b/i;

/** The weekly return: a CSV of figures, all or nothing, idempotent. Counts are of data rows. */
@ApiTags('imports')
@ApiBearerAuth()
@Controller('api/imports/figures')
@Roles(...WRITERS)
export class FiguresImportController {
  constructor(private readonly imports: ImportService) {}

  @Post()
  @HttpCode(200)
  @IdempotentByContent()
  @ApiConsumes('text/csv')
  @ApiQuery({ name: 'dryRun', required: false, type: Boolean })
  @ApiOperation({ summary: 'Import figures: CSV with header indicator,effectiveAt,value,source[,note,figureId,reportedAt (admin)]' })
  async importFigures(@Req() req: Request & CommandRequest, @Query('dryRun') dryRun: string | undefined, @Res({ passthrough: true }) res: Response) {
    const dry = isDryRun(dryRun);
    if (!CSV.test(req.headers['content-type'] ?? ''))
      throw new ProblemException(415, 'BODY.UNSUPPORTED_MEDIA_TYPE', 'Unsupported media type', 'a figures import is text/csv with a header row');
    const actor = req.actor!;
    const lines = csvFigureLines(limitedBody(req, req.headers['content-length']), actor.roles.includes('admin'));
    const { lines: rows, ...rest } = answer(res, await this.imports.run(lines, actor, { dryRun: dry }));
    return { rows, ...rest };
  }
}
