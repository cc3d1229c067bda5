import { ReadModel } from '#projections';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { toProgramModel, type ProgramModel } from './program.model.js';

export class ListProgramsQuery extends Query<ProgramModel[]> {}

@QueryHandler(ListProgramsQuery)
export class ListProgramsHandler implements IQueryHandler<ListProgramsQuery> {
  constructor(private readonly readModel: ReadModel) {}

  async execute(): Promise<ProgramModel[]> {
    const rows = await this.readModel.getPrograms();
    return rows.map((row) => toProgramModel(row.id, row));
  }
}
