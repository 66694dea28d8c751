import torch

torch.manual_seed(0)

x = torch.ones(2, requires_grad=True)
y = x * 2
a = y.detach().numpy()  # (1)!
print(type(a).__name__, a)
