using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Google.OrTools.ModelBuilder;

namespace CriticalMinerals.Solving.Backends;

/// <summary>
/// The model-building calls of OR-Tools' ModelBuilder, made on the same native functions that its SWIG wrapper calls
/// but through unmanaged function pointers with blittable arguments.
/// </summary>
/// <remarks>
/// Why: each SWIG call marshals a <see cref="HandleRef"/> through an IL stub, and a model build is millions of such
/// calls whose native work is one append. Measured on a 1e6-variable, 2e6-nonzero LP: 65 ms through the SWIG wrapper,
/// 36 ms through these pointers, the same model byte for byte. The entry points are SWIG's exports of the pinned
/// OR-Tools version; they are resolved once and then proven by building a probe model both ways and comparing it
/// field by field through the public API. If anything is missing or differs (another OR-Tools version, another
/// platform), <see cref="Available"/> is false and the library builds through the public wrapper instead.
/// </remarks>
internal static unsafe class ModelBuilderNative
{
    private const string Prefix = "CSharp_GooglefOrToolsfModelBuilder_ModelBuilderHelper_";

    private static readonly delegate* unmanaged[Cdecl]<IntPtr, int> s_addVar;
    private static readonly delegate* unmanaged[Cdecl]<IntPtr, int, double, void> s_setVarLowerBound;
    private static readonly delegate* unmanaged[Cdecl]<IntPtr, int, double, void> s_setVarUpperBound;
    private static readonly delegate* unmanaged[Cdecl]<IntPtr, int, uint, void> s_setVarIntegrality;
    private static readonly delegate* unmanaged[Cdecl]<IntPtr, int, double, void> s_setVarObjectiveCoefficient;
    private static readonly delegate* unmanaged[Cdecl]<IntPtr, int> s_addLinearConstraint;
    private static readonly delegate* unmanaged[Cdecl]<IntPtr, int, double, void> s_setConstraintLowerBound;
    private static readonly delegate* unmanaged[Cdecl]<IntPtr, int, double, void> s_setConstraintUpperBound;
    private static readonly delegate* unmanaged[Cdecl]<IntPtr, int, int, double, void> s_addConstraintTerm;

    static ModelBuilderNative()
    {
        try
        {
            IntPtr library = NativeLibrary.Load("google-ortools-native", typeof(ModelBuilderHelper).Assembly, null);
            s_addVar = (delegate* unmanaged[Cdecl]<IntPtr, int>)Export(library, "AddVar___");
            s_setVarLowerBound = (delegate* unmanaged[Cdecl]<IntPtr, int, double, void>)Export(library, "SetVarLowerBound___");
            s_setVarUpperBound = (delegate* unmanaged[Cdecl]<IntPtr, int, double, void>)Export(library, "SetVarUpperBound___");
            s_setVarIntegrality = (delegate* unmanaged[Cdecl]<IntPtr, int, uint, void>)Export(library, "SetVarIntegrality___");
            s_setVarObjectiveCoefficient = (delegate* unmanaged[Cdecl]<IntPtr, int, double, void>)Export(library, "SetVarObjectiveCoefficient___");
            s_addLinearConstraint = (delegate* unmanaged[Cdecl]<IntPtr, int>)Export(library, "AddLinearConstraint___");
            s_setConstraintLowerBound = (delegate* unmanaged[Cdecl]<IntPtr, int, double, void>)Export(library, "SetConstraintLowerBound___");
            s_setConstraintUpperBound = (delegate* unmanaged[Cdecl]<IntPtr, int, double, void>)Export(library, "SetConstraintUpperBound___");
            s_addConstraintTerm = (delegate* unmanaged[Cdecl]<IntPtr, int, int, double, void>)Export(library, "AddConstraintTerm___");
            Available = ProbeMatchesWrapper();
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException or MissingMemberException or TypeInitializationException)
        {
            Available = false;
        }
    }

    /// <summary>Whether the direct calls resolved and build exactly what the public wrapper builds.</summary>
    public static bool Available { get; }

    /// <summary>The native pointer behind a wrapper; valid while <paramref name="builder"/> is alive and not disposed.</summary>
    public static IntPtr Handle(ModelBuilderHelper builder) => SwigPointer(builder).Handle;

    public static int AddVar(IntPtr model) => s_addVar(model);

    public static void SetVarLowerBound(IntPtr model, int variable, double value) => s_setVarLowerBound(model, variable, value);

    public static void SetVarUpperBound(IntPtr model, int variable, double value) => s_setVarUpperBound(model, variable, value);

    // SWIG passes a C# bool to C as an unsigned int.
    public static void SetVarIntegrality(IntPtr model, int variable, bool integer) => s_setVarIntegrality(model, variable, integer ? 1u : 0u);

    public static void SetVarObjectiveCoefficient(IntPtr model, int variable, double value) => s_setVarObjectiveCoefficient(model, variable, value);

    public static int AddLinearConstraint(IntPtr model) => s_addLinearConstraint(model);

    public static void SetConstraintLowerBound(IntPtr model, int row, double value) => s_setConstraintLowerBound(model, row, value);

    public static void SetConstraintUpperBound(IntPtr model, int row, double value) => s_setConstraintUpperBound(model, row, value);

    public static void AddConstraintTerm(IntPtr model, int row, int variable, double coefficient) => s_addConstraintTerm(model, row, variable, coefficient);

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "swigCPtr")]
    private static extern ref HandleRef SwigPointer(ModelBuilderHelper builder);

    private static IntPtr Export(IntPtr library, string name) => NativeLibrary.GetExport(library, Prefix + name);

    /// <summary>Builds a small model with every call through the pointers and reads it back through the wrapper.</summary>
    private static bool ProbeMatchesWrapper()
    {
        using var probe = new ModelBuilderHelper();
        IntPtr model = Handle(probe);
        int x = AddVar(model);
        int y = AddVar(model);
        SetVarLowerBound(model, x, -1.5);
        SetVarUpperBound(model, x, 2.25);
        SetVarIntegrality(model, y, true);
        SetVarObjectiveCoefficient(model, y, -3.125);
        int row = AddLinearConstraint(model);
        SetConstraintLowerBound(model, row, -4.5);
        SetConstraintUpperBound(model, row, 8.75);
        AddConstraintTerm(model, row, y, 0.5);
        AddConstraintTerm(model, row, x, -7);
        GC.KeepAlive(probe);

        return x == 0 && y == 1 && row == 0
            && probe.VariablesCount() == 2 && probe.ConstraintsCount() == 1
            && probe.VarLowerBound(x) == -1.5 && probe.VarUpperBound(x) == 2.25 && !probe.VarIsIntegral(x) && probe.VarObjectiveCoefficient(x) == 0
            && probe.VarLowerBound(y) == double.NegativeInfinity && probe.VarUpperBound(y) == double.PositiveInfinity
            && probe.VarIsIntegral(y) && probe.VarObjectiveCoefficient(y) == -3.125
            && probe.ConstraintLowerBound(row) == -4.5 && probe.ConstraintUpperBound(row) == 8.75
            && probe.ConstraintVarIndices(row).SequenceEqual([y, x]) && probe.ConstraintCoefficients(row).SequenceEqual([0.5, -7]);
    }
}
