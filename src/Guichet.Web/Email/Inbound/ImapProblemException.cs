namespace Guichet.Web.Email.Inbound;

/// <summary>The IMAP connection could not be made or was lost: nothing more can be done with this mailbox until the next try.</summary>
public sealed class ImapProblemException(ImapProblem problem, Exception? inner = null)
    : Exception($"IMAP {problem.Kind}: {problem.Detail}", inner)
{
    public ImapProblem Problem { get; } = problem;
}
