import torch

torch.manual_seed(0)

x = torch.randn(3, requires_grad=True)
v = torch.tensor([1.0, 0.1, 0.01])

(g,) = torch.autograd.grad(x**2, x, grad_outputs=v)  # (1)!
(x**2).backward(v)  # (2)!

print(g)
print(x.grad)
print("grad == backward:", torch.allclose(g, x.grad), " == 2x * v:", torch.allclose(g, 2 * x.detach() * v))
