import { Field, Float, ObjectType } from '@nestjs/graphql';
import { ProgramModel } from '../../programs/program.model.js';

@ObjectType('MetricTotal', {
  description:
    "A programme's target against what was achieved, for one metric (e.g. 培训人数): sums over its tasks (not cancelled) of the target and of the latest reported value; percentages (unit %) are averaged.",
})
export class MetricTotalModel {
  @Field(() => ProgramModel)
  program!: ProgramModel;

  @Field()
  key!: string;

  @Field()
  label!: string;

  @Field(() => Float)
  target!: number;

  @Field(() => Float)
  achieved!: number;

  @Field(() => String, { nullable: true })
  unit!: string | null;
}
