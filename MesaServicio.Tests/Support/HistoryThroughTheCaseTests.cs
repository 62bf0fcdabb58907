using System.Reflection;
using System.Reflection.Emit;
using MesaServicio.Core.Cases;

namespace MesaServicio.Tests.Support;

/// <summary>
/// A case's history is written through the case (docs/decisions/0036): only <see cref="Case"/> constructs a
/// <see cref="CaseHistoryEntry"/>. The constructor is internal, which does not stop the rest of Core, so this reads the
/// compiled code of the application's assemblies and finds every <c>newobj</c> of the entry, whatever the source
/// looked like (<c>new CaseHistoryEntry(…)</c>, a target-typed <c>new(…)</c>, inside a lambda or an async method).
/// </summary>
[Trait("Pass", "Once")]
public sealed class HistoryThroughTheCaseTests
{
    private static readonly string[] ApplicationAssemblies = ["MesaServicio.Core", "MesaServicio.Web", "MesaServicio.Persistence.PostgreSql"];

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    [Fact]
    public void Only_the_case_constructs_its_history_entries()
    {
        var writers = ApplicationAssemblies.Select(Assembly.Load)
            .SelectMany(a => a.GetTypes())
            .SelectMany(t => t.GetMethods(Everything).Cast<MethodBase>().Concat(t.GetConstructors(Everything)))
            .Where(ConstructsHistoryEntry)
            .ToList();

        writers.Should().Contain(m => Outermost(m.DeclaringType!) == typeof(Case), "the scan must see the case's own entries, or it proves nothing");
        var outside = writers.Where(m => Outermost(m.DeclaringType!) != typeof(Case)).Select(m => $"{m.DeclaringType!.FullName}.{m.Name}").ToList();
        outside.Should().BeEmpty(
            "a case's history entry is recorded by a method of Case (add one), not added beside the case; found in {0}", string.Join(", ", outside));
    }

    private const BindingFlags Everything =
        BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    /// <summary>The type a lambda's closure or an async method's state machine was generated inside.</summary>
    private static Type Outermost(Type type) => type.DeclaringType is { } outer ? Outermost(outer) : type;

    private static bool ConstructsHistoryEntry(MethodBase method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null)
        {
            return false;
        }

        var position = 0;
        while (position < il.Length)
        {
            short value = il[position++];
            if (value == 0xFE)
            {
                value = unchecked((short)(0xFE00 | il[position++]));
            }

            var opCode = OpCodesByValue[value];
            if (opCode == OpCodes.Newobj && Resolve(method, BitConverter.ToInt32(il, position))?.DeclaringType == typeof(CaseHistoryEntry))
            {
                return true;
            }

            position += opCode.OperandType switch
            {
                OperandType.InlineNone => 0,
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch => 4 + (4 * BitConverter.ToInt32(il, position)),
                _ => 4,
            };
        }

        return false;
    }

    private static MethodBase? Resolve(MethodBase method, int token)
    {
        try
        {
            return method.Module.ResolveMethod(
                token,
                method.DeclaringType is { IsGenericType: true } t ? t.GetGenericArguments() : null,
                method.IsGenericMethod ? method.GetGenericArguments() : null);
        }
        catch (ArgumentException)
        {
            // A constructor of a generic type instantiated elsewhere: never the (non-generic) history entry.
            return null;
        }
    }
}
