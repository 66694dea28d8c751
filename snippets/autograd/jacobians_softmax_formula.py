import torch
import torch.nn.functional as F
from torch.autograd.functional import jacobian

torch.manual_seed(0)

a = torch.rand(3).double()  # (1)!
p = F.softmax(a, dim=0)

J_auto = jacobian(lambda t: F.softmax(t, dim=0), a)
J_formula = torch.diag(p) - torch.outer(p, p)  # (2)!

print(J_formula)
print("max |auto - formula| < 1e-12:", (J_auto - J_formula).abs().max().item() < 1e-12)
print("column sums zero to within 1e-12:", J_auto.sum(dim=0).abs().max().item() < 1e-12)  # (3)!
