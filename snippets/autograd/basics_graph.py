import torch

torch.manual_seed(0)

x = torch.ones(2, 2, requires_grad=True)
y = x + 2
z = y * y * 3
out = z.mean()
print(z)
print(out)
print(out.grad_fn.name(), "->", out.grad_fn.next_functions[0][0].name())
print(z.mean(dim=0).grad_fn.name())
