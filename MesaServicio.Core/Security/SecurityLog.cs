using Microsoft.Extensions.Logging;

namespace MesaServicio.Core.Security;

/// <summary>
/// The security log: sign-ins, sign-outs and refused operations, with ids only — never names, e-mails,
/// case text or tokens (Ley 1581 de 2012).
/// </summary>
public static partial class SecurityLog
{
    /// <summary>Logger category of the security log.</summary>
    public const string Category = "MesaServicio.Security";

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Sign-in of person {PersonId} by {Method}")]
    public static partial void SignedIn(ILogger logger, string personId, string method);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Sign-out of person {PersonId}")]
    public static partial void SignedOut(ILogger logger, string personId);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "Refused {Operation} on case {CaseNumber} for {PersonId}: {Decision}")]
    public static partial void CaseOperationRefused(ILogger logger, string operation, string caseNumber, string personId, AccessDecision decision);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Warning, Message = "Refused {Operation} for {PersonId}")]
    public static partial void OperationRefused(ILogger logger, string operation, string personId);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Warning, Message = "Sign-in refused by the identity checks: {Reason}")]
    public static partial void SignInFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Warning, Message = "Sign-in refused for a disabled or unknown person {PersonId}")]
    public static partial void SignInRefused(ILogger logger, string personId);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Warning, Message = "API key refused: {Outcome} (key {KeyId})")]
    public static partial void ApiKeyRefused(ILogger logger, string outcome, string keyId);

    [LoggerMessage(EventId = 1008, Level = LogLevel.Warning, Message = "Entra token of app {AppId} is not an integration credential: {Reason}")]
    public static partial void TokenNotIntegration(ILogger logger, string appId, string reason);
}
