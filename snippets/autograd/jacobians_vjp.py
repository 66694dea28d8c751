import torch

torch.manual_seed(0)

x = torch.randn(3, requires_grad=True)
v = torch.tensor([1.0, 0.5, -2.0])

y = x**2 + 3 * x
y.backward(v)  # (1)!
g_backward = x.grad.clone()

x.grad = None
y = x**2 + 3 * x
(y * v).sum().backward()  # (2)!
g_sum = x.grad

print(g_backward)
print(g_sum)
print("backward(v) == (y * v).sum().backward():", torch.allclose(g_backward, g_sum))
print(v * (2 * x.detach() + 3))  # (3)!
