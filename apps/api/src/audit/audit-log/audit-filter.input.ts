import { Field, ID, InputType } from '@nestjs/graphql';
import { DateTimeScalar } from '../../graphql/scalars.js';

@InputType('AuditFilter')
export class AuditFilterInput {
  @Field(() => String, { nullable: true })
  streamId?: string | null;

  @Field(() => ID, { nullable: true })
  actorId?: string | null;

  @Field(() => ID, { nullable: true })
  unitId?: string | null;

  @Field(() => [String], { nullable: true })
  types?: string[] | null;

  @Field(() => DateTimeScalar, { nullable: true })
  from?: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  to?: string | null;
}
