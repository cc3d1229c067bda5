import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { UnitModel } from '../../units/unit.model.js';

@ObjectType('UnitScore', {
  description:
    "A unit's assessment (考核) over a period: the tasks it held at the end of the period, except cancelled ones and those completed before the period began.",
})
export class UnitScoreModel {
  @Field(() => UnitModel)
  unit!: UnitModel;

  @Field(() => Int)
  total!: number;

  @Field(() => Int)
  completed!: number;

  @Field(() => Int, { description: 'Completed and never overdue.' })
  completedOnTime!: number;

  @Field(() => Int, { description: 'Open and past the deadline at the end of the period.' })
  overdue!: number;

  @Field(() => Int, { description: 'Ever overdue by the end of the period, completed late included.' })
  wasOverdue!: number;

  @Field(() => Float, { description: 'completedOnTime / total (0 when total is 0).' })
  onTimeRate!: number;
}
