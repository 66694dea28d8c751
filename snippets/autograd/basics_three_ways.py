import torch

torch.manual_seed(0)


def f(x):
    return (3 * (x + 2) ** 2).mean()


x = torch.ones(2, 2, dtype=torch.float64, requires_grad=True)
f(x).backward()

formula = 1.5 * (x.detach() + 2)  # (1)!

h = 1e-6
numeric = torch.empty(4, dtype=torch.float64)
for i in range(4):
    step = torch.zeros_like(x.detach())
    step.view(-1)[i] = h
    numeric[i] = (f(x.detach() + step) - f(x.detach() - step)) / (2 * h)  # (2)!

print("formula  ", formula.flatten())
print("autograd ", x.grad.flatten())
print("numeric  ", numeric)
print("autograd == formula (allclose):", torch.allclose(x.grad, formula))
print("max |numeric - formula| < 1e-6:", (numeric - formula.flatten()).abs().max().item() < 1e-6)
