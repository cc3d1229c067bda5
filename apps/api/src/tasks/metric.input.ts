import { Field, Float, InputType } from '@nestjs/graphql';

@InputType('MetricTargetInput')
export class MetricTargetInput {
  @Field()
  key!: string;

  @Field()
  label!: string;

  @Field(() => Float)
  target!: number;

  @Field(() => String, { nullable: true })
  unit?: string | null;
}

@InputType('MetricValueInput')
export class MetricValueInput {
  @Field()
  key!: string;

  @Field(() => Float)
  value!: number;
}
