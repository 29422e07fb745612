using System.Data.Common;

namespace Runtime.Storage.AdoNet;

/// <summary>Small helpers so that statements read as one expression; provider-neutral.</summary>
internal static class DbCommandExtensions
{
    public static DbCommand CreateCommand(this DbConnection connection, string sql, DbTransaction? transaction = null)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    /// <summary>Adds a parameter bound to <c>@name</c> in the statement text.</summary>
    public static DbCommand With(this DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return command;
    }

    public static DbCommand With(this DbCommand command, DbParameter parameter)
    {
        command.Parameters.Add(parameter);
        return command;
    }

    /// <summary>Adds a parameter bound to <c>@name</c> in the statement text of a batch command.</summary>
    public static DbBatchCommand With(this DbBatchCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return command;
    }
}
