import { Field, ID, InputType } from '@nestjs/graphql';
import { TaskStatusEnum } from '../../graphql/enums.js';
import { DateTimeScalar } from '../../graphql/scalars.js';

@InputType('TaskFilter')
export class TaskFilterInput {
  @Field(() => ID, { nullable: true })
  unitId?: string | null;

  @Field(() => ID, { nullable: true })
  programId?: string | null;

  @Field(() => [TaskStatusEnum], { nullable: true })
  status?: TaskStatusEnum[] | null;

  @Field(() => Boolean, { nullable: true })
  overdue?: boolean | null;

  @Field(() => DateTimeScalar, { nullable: true })
  dueBefore?: string | null;

  @Field(() => String, { nullable: true, description: 'Substring match on title, description and partner.' })
  search?: string | null;
}
