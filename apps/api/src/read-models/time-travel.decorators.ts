import { applyDecorators } from '@nestjs/common';
import { ApiQuery } from '@nestjs/swagger';

/** Documents the time-travel parameters on a read route. */
export const TimeTravelParams = () =>
  applyDecorators(
    ApiQuery({ name: 'asOf', required: false, description: "effective time: a date (end of that day, UTC) or an instant; default now" }),
    ApiQuery({ name: 'knownAt', required: false, description: "known time: a date, an instant or 'latest'; default asOf" }),
    ApiQuery({ name: 'position', required: false, description: 'pin the log position of an earlier answer to reproduce it' }),
    ApiQuery({ name: 'waitFor', required: false, description: 'answer only once the read models include this position (read-your-writes)' }),
  );
