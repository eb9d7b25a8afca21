// The kernel extension assembly. See KernelExtension.cs for what it registers.
