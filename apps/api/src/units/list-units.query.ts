import { ReadModel } from '#projections';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { toUnitModel, type UnitModel } from './unit.model.js';

export class ListUnitsQuery extends Query<UnitModel[]> {}

@QueryHandler(ListUnitsQuery)
export class ListUnitsHandler implements IQueryHandler<ListUnitsQuery> {
  constructor(private readonly readModel: ReadModel) {}

  async execute(): Promise<UnitModel[]> {
    const rows = await this.readModel.getUnits();
    return rows.map((row) => toUnitModel(row.id, row));
  }
}
