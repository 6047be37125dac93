import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { readCheckpoints } from '@rm/projections';
import { Roles } from '../auth/roles.js';
import { faultView } from '../read-models/projection-fault.view.js';
import { ReadModels } from '../read-models/read-models.service.js';

/** Where each projection stands, and the event a stuck one cannot apply. */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('api/admin/projections')
@Roles('admin')
export class ProjectionsController {
  constructor(private readonly readModels: ReadModels) {}

  @Get()
  @ApiOperation({ summary: "Each projection's checkpoint and status (a stuck one names the event at fault, its position and the error); each projection group and the process holding its lease" })
  async list() {
    const [checkpoints, faults, groups] = await Promise.all([readCheckpoints(this.readModels.db), this.readModels.faults(), this.readModels.runner.status()]);
    const stuck = new Map(faults.map((f) => [f.projection, f]));
    const groupOf = new Map(groups.flatMap((g) => g.projections.map((p) => [p, g.name])));
    return {
      generation: this.readModels.generation.number,
      projections: this.readModels.runner.projections.map(({ name }) => {
        const fault = stuck.get(name);
        return { name, group: groupOf.get(name), checkpoint: (checkpoints.get(name) ?? 0n).toString(), status: fault ? 'stuck' : 'running', ...(fault && { stuck: faultView(fault) }) };
      }),
      groups: groups.map(({ name, projections, holder }) => ({ name, projections, holder: holder ?? null })),
    };
  }
}
