import { Injectable, type PipeTransform } from '@nestjs/common';
import { ProblemException } from './problem.js';
import { SLUG } from './validators.js';

/** A path id that could never have been registered names nothing: 404, not 400. */
@Injectable()
export class SlugParam implements PipeTransform<string, string> {
  constructor(private readonly what = 'resource') {}

  transform(value: string): string {
    if (!SLUG.test(value)) throw new ProblemException(404, 'RESOURCE.NOT_FOUND', 'Not found', `no ${this.what} has the id "${value.slice(0, 80)}"`);
    return value;
  }
}

export const IndicatorId = new SlugParam('indicator');
export const PlanId = new SlugParam('recovery plan');
export const PartnerId = new SlugParam('partner');
