import { InputType, PickType } from '@nestjs/graphql';
import { MetricTargetModel, MetricValueModel } from './task.model.js';

/** A target as a client sends it: the same fields as the MetricTarget it becomes. */
@InputType('MetricTargetInput')
export class MetricTargetInput extends PickType(
  MetricTargetModel,
  ['key', 'label', 'target', 'unit'] as const,
  InputType,
) {}

/** A reported value as a client sends it: the same fields as the MetricValue it becomes. */
@InputType('MetricValueInput')
export class MetricValueInput extends PickType(MetricValueModel, ['key', 'value'] as const, InputType) {}
